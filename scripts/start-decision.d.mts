// Types of scripts/start-decision.mjs for the TypeScript test that imports it.
export declare const NO_ELECTRON_NOTICE: string;
export declare const NO_SQLITE_NOTICE: string;

export interface ElectronFacts {
  electronDir: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  read: (path: string) => string | null;
}
export declare function electronBinary(facts: ElectronFacts): string | null;

export type StartPlan =
  | { run: 'electron'; buildSqlite: boolean; args: string[] }
  | { run: 'seat'; notice: string | null; args: string[] };
export declare function planStart(facts: { electron: string | null; sqliteBuilt: boolean; args: string[] }): StartPlan;
