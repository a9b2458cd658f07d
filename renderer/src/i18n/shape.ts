// The shape a second locale must have: the same keys as the first, any strings as values.
export type LocaleShape<T> = { -readonly [K in keyof T]: T[K] extends string ? string : LocaleShape<T[K]> };
