import { Select, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchResult } from '../../../../shared/ipc/methods/search.js';
import { invoke } from '../../ipc/client.js';

/** A customer the picker can show by name before any search: the current customer, existing parties. */
export interface KnownCustomer {
  id: string;
  name: string;
  /** An identifier to tell namesakes apart, as main returned it (masked for some roles). */
  detail?: string | null;
}

type Props = {
  known: KnownCustomer[];
  placeholder?: string;
  testId?: string;
  /** A clear button, for an optional choice (a report's customer filter). */
  allowClear?: boolean;
} & ({ multiple: true; value?: string[]; onChange?: (value: string[]) => void } | { multiple?: false; value?: string; onChange?: (value: string) => void });

/** Debounce for typing in a search field, as in the shell's search box. */
export const searchDelayMs = 250;

/**
 * Picks customers for a policy's parties: options come from `search.query` as the user types
 * (name, ID number or its last digits, mobile), debounced; known customers are always offered.
 */
export function CustomerPicker(props: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerSearchResult[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (text === '') return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      setSearching(true);
      invoke('search.query', { query: text, limit: 20 })
        .then(
          (results) => {
            if (request === latest.current) setFound(results.filter((r): r is CustomerSearchResult => r.kind === 'customer'));
          },
          () => {
            if (request === latest.current) setFound([]);
          },
        )
        .finally(() => {
          if (request === latest.current) setSearching(false);
        });
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [query]);

  const options = useMemo(() => {
    const byId = new Map<string, KnownCustomer>();
    for (const c of props.known) byId.set(c.id, c);
    for (const r of found) if (!byId.has(r.customerId)) byId.set(r.customerId, { id: r.customerId, name: r.name, detail: r.idNumber ?? r.creditCode ?? r.mobile });
    return [...byId.values()].map((c) => ({
      value: c.id,
      label: c.name,
      detail: c.detail,
    }));
  }, [props.known, found]);

  const common = {
    style: { width: '100%' },
    placeholder: props.placeholder ?? t('policies.findCustomer'),
    allowClear: props.allowClear,
    options,
    'data-testid': props.testId,
    notFoundContent: searching ? <Spin size="small" /> : null,
    showSearch: { filterOption: false, onSearch: setQuery },
    optionRender: (option: { data: { label?: ReactNode; detail?: unknown } }) => (
      <span>
        {option.data.label}
        {typeof option.data.detail === 'string' && (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {option.data.detail}
          </Typography.Text>
        )}
      </span>
    ),
    onOpenChange: (open: boolean) => {
      if (!open) setQuery('');
    },
  };
  return props.multiple ? (
    <Select<string[]> mode="multiple" value={props.value} onChange={props.onChange} {...common} />
  ) : (
    <Select<string> value={props.value} onChange={props.onChange} {...common} />
  );
}
