import { DeleteOutlined, LeftOutlined, RedoOutlined, RightOutlined, RotateRightOutlined, ScissorOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Tooltip, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem, PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useBusyAction } from '../../ipc/use-busy-action.js';
import { QualityFlags } from '../ingest/QualityFlags.js';
import { turnedRight } from '../viewer/page-images.js';
import { PageThumb } from '../viewer/PageThumb.js';
import './pages-editor.css';

/**
 * An inbox document's pages, to put right before filing: reorder by dragging or with the arrow
 * buttons (the keyboard way), turn, split the document before a page, delete a page, or have
 * the whole document read again.
 */
export function PagesEditor({ item, onChanged }: { item: InboxItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const [running, act] = useBusyAction<'pages'>();
  const busy = running !== null;
  const dragged = useRef<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const { pages, documentId } = item;

  const run = (action: () => Promise<unknown>) =>
    act('pages', async () => {
      await action();
      onChanged();
    });
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= pages.length) return;
    const order = pages.map((p) => p.pageId);
    const [pageId] = order.splice(from, 1);
    order.splice(to, 0, pageId!);
    void run(() => invoke('inbox.reorder', { documentId, pageIds: order }));
  };
  const endDrag = () => {
    dragged.current = null;
    setDropTarget(null);
  };

  const action = (label: string, icon: ReactNode, onClick: () => void, testId: string, disabled = false) => (
    <Tooltip title={label}>
      <Button size="small" type="text" icon={icon} aria-label={label} disabled={busy || disabled} onClick={onClick} data-testid={testId} />
    </Tooltip>
  );

  const pageCard = (page: PageInfo, index: number) => (
    <div
      key={page.pageId}
      className={`inbox-page${dropTarget === index ? ' inbox-page-target' : ''}`}
      draggable={!busy}
      onDragStart={(event) => {
        dragged.current = index;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', page.pageId);
      }}
      onDragOver={(event) => {
        if (dragged.current === null) return;
        event.preventDefault();
        setDropTarget(index);
      }}
      onDrop={(event) => {
        if (dragged.current === null) return;
        event.preventDefault();
        move(dragged.current, index);
        endDrag();
      }}
      onDragEnd={endDrag}
      data-testid="inbox-page"
      data-page-id={page.pageId}
    >
      <PageThumb page={page} alt={t('inbox.pageNo', { page: index + 1 })} height={120} />
      <Typography.Text type="secondary">{t('inbox.pageNo', { page: index + 1 })}</Typography.Text>
      <div>
        <QualityFlags flags={page.flags} />
      </div>
      <Flex wrap justify="center">
        {action(t('inbox.moveEarlier'), <LeftOutlined />, () => move(index, index - 1), 'page-earlier', index === 0)}
        {action(t('inbox.moveLater'), <RightOutlined />, () => move(index, index + 1), 'page-later', index === pages.length - 1)}
        {action(t('inbox.rotate'), <RotateRightOutlined />, () => void run(() => invoke('pages.rotate', { pageId: page.pageId, rotation: turnedRight(page.rotation) })), 'page-rotate')}
        {action(t('inbox.splitBefore'), <ScissorOutlined />, () => void run(() => invoke('inbox.split', { documentId, beforePageId: page.pageId })), 'page-split', index === 0)}
        <Popconfirm title={t('inbox.deletePageConfirm')} okText={t('inbox.deletePage')} okButtonProps={{ danger: true }} onConfirm={() => run(() => invoke('inbox.deletePage', { pageId: page.pageId }))}>
          <Tooltip title={t('inbox.deletePage')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('inbox.deletePage')} disabled={busy} data-testid="page-delete" />
          </Tooltip>
        </Popconfirm>
      </Flex>
    </div>
  );

  return (
    <Flex vertical gap={8} data-testid="pages-editor">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('inbox.pagesHint')}</Typography.Text>
        <Button icon={<RedoOutlined />} loading={busy} onClick={() => void run(() => invoke('inbox.reread', { documentId }))} data-testid="inbox-reread">
          {t('inbox.reread')}
        </Button>
      </Flex>
      <Flex wrap gap={8}>
        {pages.map(pageCard)}
      </Flex>
    </Flex>
  );
}
