import { Alert, Button, Empty, Flex, Input, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { HighlightedText, matchCount } from './HighlightedText.js';

/**
 * The current page's text with a search field: the search reads every page's text (once) and
 * lists the pages where it occurs; matches are marked in the text shown.
 */
export function PageTextPanel({ pages, current, onOpen }: { pages: PageInfo[]; current: number; onOpen: (index: number) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const requested = useRef(new Set<string>());
  const searching = query.trim() !== '';
  const page = pages[current];
  const wanted = searching ? pages.map((p) => p.pageId) : page ? [page.pageId] : [];
  const wantedKey = wanted.join(',');

  useEffect(() => {
    for (const pageId of wantedKey.split(',').filter(Boolean)) {
      if (requested.current.has(pageId)) continue;
      requested.current.add(pageId);
      invoke('pages.text', { pageId }).then(
        ({ text }) => setTexts((before) => ({ ...before, [pageId]: text })),
        (e: unknown) => {
          requested.current.delete(pageId);
          setError(e);
        },
      );
    }
  }, [wantedKey]);

  const matches = searching ? pages.map((p, index) => ({ index, count: matchCount(texts[p.pageId] ?? '', query) })).filter((m) => m.count > 0) : [];
  const stillReading = wanted.some((id) => !(id in texts));
  const text = page ? texts[page.pageId] : undefined;

  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        placeholder={t('viewer.searchText')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        loading={searching && stillReading}
        data-testid="viewer-search"
      />
      {searching && !stillReading && (
        <Flex wrap gap={4} align="center" data-testid="viewer-matches" data-count={matches.length}>
          <Typography.Text type="secondary">{matches.length === 0 ? t('viewer.noMatches') : t('viewer.matchesOn')}</Typography.Text>
          {matches.map((m) => (
            <Button key={m.index} size="small" type={m.index === current ? 'primary' : 'default'} onClick={() => onOpen(m.index)} data-testid="viewer-match">
              {t('viewer.matchPage', { page: m.index + 1, count: m.count })}
            </Button>
          ))}
        </Flex>
      )}
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      <div className="viewer-text" data-testid="page-text" aria-live="polite">
        {text === undefined ? (
          <Skeleton active paragraph={{ rows: 4 }} title={false} />
        ) : text.trim() === '' ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('viewer.noText')} />
        ) : (
          <HighlightedText text={text} query={query} />
        )}
      </div>
    </Flex>
  );
}
