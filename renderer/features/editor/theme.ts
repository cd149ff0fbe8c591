import { monaco } from './monaco';

/** Applies the resolved light/dark theme to Monaco. */
export function setMonacoTheme(dark: boolean): void {
  monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
}

/** A readable name for a Monaco language id. */
export function languageName(id: string): string {
  const lang = monaco.languages.getLanguages().find((l) => l.id === id);
  return lang?.aliases?.[0] ?? id;
}
