/** One page of a newest-first list. */
export interface Page<T> {
  data: T[];
  /** Opaque; pass back as `cursor` for the next (older) page. Null on the last page. */
  nextCursor: string | null;
}

/** Result of a create-or-replace: whether the id was new. */
export interface PutResult<T> {
  created: boolean;
  value: T;
}
