// Zod validation failures as one short line for error messages: the first few "path: message" pairs.
import type { z } from 'zod';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ') + (error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '');
}
