import type { TableRef } from 'antd/es/table/index.js';
import { type UIEvent, useCallback, useEffect, useRef, useState } from 'react';

export interface ListSort<F extends string> {
  field: F;
  order: 'asc' | 'desc';
}

/** The table fills the window below the toolbar; a virtual table needs the height in pixels. */
const tableHeight = () => Math.max(240, window.innerHeight - 330);

/**
 * Rows of a long server-side list for a virtual table: the first page for the current sort and
 * filters, the next one when the user scrolls within a screen of the end. Answers to an older
 * query are dropped, so fast filter changes never mix lists.
 */
export function useInfiniteList<Row, Sort, Filters>(
  fetchPage: (query: { offset: number; limit: number; sort: Sort; filters: Filters }) => Promise<{ total: number; rows: Row[] }>,
  sort: Sort,
  filters: Filters,
  pageSize: number,
) {
  const [list, setList] = useState<{ key: string; rows: Row[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [height, setHeight] = useState(tableHeight);
  const table = useRef<TableRef>(null);
  const fetching = useRef<{ key: string; offset: number | null }>({ key: '', offset: null });
  // The caller's fetch function is a new closure on every render; the latest one is used.
  const fetchLatest = useRef(fetchPage);
  useEffect(() => {
    fetchLatest.current = fetchPage;
  });

  const queryKey = JSON.stringify([sort, filters]);
  const loading = list === null || list.key !== queryKey;
  const rows = list?.rows ?? [];
  const total = list?.total ?? null;

  const fetchFrom = useCallback(
    (offset: number) => {
      fetching.current.offset = offset;
      return fetchLatest.current({ offset, limit: pageSize, sort, filters })
        .then(
          (result) => {
            if (fetching.current.key !== queryKey) return;
            setList((before) => ({
              key: queryKey,
              total: result.total,
              rows: before && before.key === queryKey ? [...before.rows.slice(0, offset), ...result.rows] : result.rows,
            }));
            setError(null);
          },
          (e: unknown) => {
            if (fetching.current.key === queryKey) setError(e);
          },
        )
        .finally(() => {
          if (fetching.current.key === queryKey && fetching.current.offset === offset) fetching.current.offset = null;
        });
    },
    [sort, filters, queryKey, pageSize],
  );

  // A new filter or sort order starts again from the top.
  useEffect(() => {
    fetching.current = { key: queryKey, offset: null };
    table.current?.scrollTo({ top: 0 });
    void fetchFrom(0);
  }, [fetchFrom, queryKey]);

  useEffect(() => {
    const onResize = () => setHeight(tableHeight());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  /** Near the end of what is loaded (within one screen), fetch the next page. */
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    if (!el || loading || total === null || rows.length >= total || fetching.current.offset !== null) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight <= el.clientHeight) void fetchFrom(rows.length);
  };

  return { rows, total, loading, error, height, table, onScroll };
}
