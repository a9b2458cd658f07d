// Grid codes extend their parent's code (county 6 digits → town 9 → village 12 → unit 15), so a subtree
// is every code that starts with the root's code: an index range from the code up to code + ':' (the
// character after '9'), which SQLite answers from a b-tree without scanning.
export interface CodeRange {
  lo: string;
  hi: string;
}

export function subtreeRange(code: string): CodeRange {
  return { lo: code, hi: `${code}:` };
}
