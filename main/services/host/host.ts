import type { SecretCipher } from '../settings/secrets';

/**
 * What differs between the Electron app and `specwright serve`: native dialogs, the OS
 * trash, and app-level commands (menus). Services never import electron; the Electron
 * entry supplies its implementation.
 */
export interface HostPlatform {
  readonly mode: 'electron' | 'serve';
  /** Shows a native folder picker; null when cancelled or unavailable. */
  pickFolder?(): Promise<string | null>;
  /** Moves a path to the OS trash. Absent where there is none (serve mode). */
  trash?(absPath: string): Promise<void>;
  /** Encryption for secrets at rest (Electron's safeStorage); absent in serve mode (0600 file). */
  cipher?: SecretCipher;
  /** The renderer confirmed it may close (dirty editors handled). */
  confirmClose?(connectionId: number): void;
}
