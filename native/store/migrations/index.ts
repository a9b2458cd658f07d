// Every cache migration, oldest first. Add a new numbered file and list it here; never edit a shipped one.
import type { Migration } from '../migrate.js';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_event_loop.js';
import { migration0003 } from './0003_duty.js';
import { migration0004 } from './0004_wall.js';
import { migration0005 } from './0005_tiles.js';
import { migration0006 } from './0006_calls.js';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
