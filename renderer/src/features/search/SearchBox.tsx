import { FileTextOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { AutoComplete, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchResult, PageSearchResult, SearchResult } from '../../../../shared/ipc/methods/search.js';
import { invoke } from '../../ipc/client.js';
import { navigate } from '../../shell/use-hash-route.js';

/** Wait this long after the last keystroke before asking main. */
const delayMs = 250;

const optionValue = (result: SearchResult) => (result.kind === 'customer' ? `customer:${result.customerId}` : `page:${result.documentId}:${result.pageNo}`);

/**
 * The one search box in the shell header (flow 3): names, ID numbers or their last digits,
 * mobiles, policy numbers and text on scanned pages. Results come grouped, customers first, with
 * why each matched; identifiers are shown exactly as main returns them (masked for some roles).
 */
export function SearchBox() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const query = text.trim();
    const request = ++latest.current;
    if (query === '') return;
    const timer = setTimeout(() => {
      setSearching(true);
      invoke('search.query', { query })
        .then(
          (found) => {
            if (request !== latest.current) return;
            setResults(found);
            setFailed(false);
          },
          () => {
            if (request !== latest.current) return;
            setResults([]);
            setFailed(true);
          },
        )
        .finally(() => {
          if (request === latest.current) setSearching(false);
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text]);

  const reason = (result: SearchResult) => {
    const key = i18n.exists(result.reason.key) ? result.reason.key : `search.reason.${result.matchedBy}`;
    return t(key, result.reason.values);
  };

  const customerOption = (r: CustomerSearchResult) => ({
    value: optionValue(r),
    label: (
      <Flex vertical data-testid="search-result-customer" data-customer-id={r.customerId}>
        <Flex gap={8} align="center">
          <UserOutlined />
          <Typography.Text strong>{r.name}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`enums.customerTypes.${r.type}`)}</Tag>
          {[r.idNumber ?? r.creditCode, r.mobile]
            .filter((v): v is string => !!v)
            .map((v) => (
              <Typography.Text key={v} type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {v}
              </Typography.Text>
            ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 22 }} data-testid="search-result-reason">
          {reason(r)}
        </Typography.Text>
      </Flex>
    ),
  });

  const pageOption = (r: PageSearchResult) => ({
    value: optionValue(r),
    label: (
      <Flex vertical data-testid="search-result-page">
        <Flex gap={8} align="center">
          <FileTextOutlined />
          <Typography.Text strong>{r.customerName ?? t('searchBox.unfiled')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {reason(r)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 22, whiteSpace: 'normal' }}>
          {r.snippet.before}
          <mark>{r.snippet.hit}</mark>
          {r.snippet.after}
        </Typography.Text>
      </Flex>
    ),
  });

  const shown = text.trim() === '' ? [] : (results ?? []);
  const customers = shown.filter((r): r is CustomerSearchResult => r.kind === 'customer');
  const pages = shown.filter((r): r is PageSearchResult => r.kind === 'page');
  const options = [
    ...(customers.length ? [{ label: t('searchBox.customers'), options: customers.map(customerOption) }] : []),
    ...(pages.length ? [{ label: t('searchBox.pages'), options: pages.map(pageOption) }] : []),
  ];
  const byValue = new Map(shown.map((r) => [optionValue(r), r]));

  const open = (value: string) => {
    const result = byValue.get(value);
    if (!result) return;
    if (result.customerId) navigate('customers', result.customerId);
    setText('');
    setResults(null);
  };

  const empty =
    text.trim() === '' ? null : searching || results === null ? (
      <Spin size="small" />
    ) : (
      <Typography.Text type="secondary">{failed ? t('searchBox.failed') : t('search.none')}</Typography.Text>
    );

  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={(value: string) => {
        // Choosing an option reports its value as a change too: that is not something typed.
        if (!byValue.has(value)) setText(value);
      }}
      onSelect={(value: string) => open(value)}
      showSearch={{ filterOption: false }}
      notFoundContent={empty}
      popupMatchSelectWidth={520}
      prefix={searching ? <Spin size="small" /> : <SearchOutlined />}
      placeholder={t('search.placeholder')}
      aria-label={t('searchBox.label')}
      allowClear
      style={{ width: 360, lineHeight: 'normal' }}
      data-testid="search-box"
    />
  );
}
