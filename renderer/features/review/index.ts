export { ReviewView, ModeSwitch } from './ReviewView';
export { ReviewDiff } from './ReviewDiff';
export { RestoreDialog } from './RestoreDialog';
export { PermissionsView } from './PermissionsView';
export { acceptChange, bindReview, openPermissions, openReview, rejectChange, setMode } from './review';
