/** Kiro spec documents: parsers, writers, the EARS classifier and lint. Pure: no Node, no DOM. */

export { compareDiagnostics, type SpecDiagnostic, type SpecFix, type SpecSeverity } from './diagnostics';
export * from './tasks';
export { parseCheckboxLine, markerStatus, isTaskStatus, requirementRefs, type CheckboxLine } from './task-line';
export * from './requirements';
export { requirementHeading } from './requirements-parts';
export { numberingDiagnostics, type NumberedItem } from './criteria';
export * from './bugfix';
export * from './design';
export * from './ears';
export { type Eol } from './lines';
