import {
  ArrowLeftOutlined,
  ColumnWidthOutlined,
  ExpandOutlined,
  FilePdfOutlined,
  LeftOutlined,
  PrinterOutlined,
  RightOutlined,
  RotateRightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { IpcCallError, invoke } from '../../ipc/client.js';
import { download } from '../../ipc/download.js';
import { useBusyAction } from '../../ipc/use-busy-action.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { navigate } from '../../shell/use-hash-route.js';
import { useDocumentTypes } from '../document-types/use-document-types.js';
import { pageUrl, turnedRight } from './page-images.js';
import { PageDetails } from './PageDetails.js';
import { PageTextPanel } from './PageTextPanel.js';
import { PageThumb } from './PageThumb.js';
import { PrintPages } from './PrintPages.js';
import './viewer.css';

/** Fit the width, fit the whole page, or a width in percent of the viewing area. */
type Zoom = 'fitWidth' | 'fitPage' | number;
const zoomStep = 1.25;
const zoomRange = [25, 400] as const;
const zoomed = (zoom: Zoom, factor: number) => Math.round(Math.min(zoomRange[1], Math.max(zoomRange[0], (typeof zoom === 'number' ? zoom : 100) * factor)));

const editingText = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The document viewer (`#/documents/<id>`): opening it is recorded as a view. Pages in a strip,
 * one page large (PageUp/PageDown to turn), zoom and rotation, the page's text with a search,
 * and printing and PDF export where the role allows them.
 */
export function ViewerPage({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const types = useDocumentTypes();
  const opened = useInvoke('documents.open', { documentId });
  const doc = opened.value;
  /** Pages turned here, as main returned them. */
  const [turned, setTurned] = useState<Record<string, PageInfo>>({});
  const [current, setCurrent] = useState(0);
  const [zoom, setZoom] = useState<Zoom>('fitPage');
  const [printing, setPrinting] = useState(false);
  const [running, act] = useBusyAction<'rotate' | 'print' | 'export'>();
  const busy = running !== null;
  const pages = (doc?.pages ?? []).map((p) => turned[p.pageId] ?? p);
  const page = pages[current];
  const count = pages.length;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editingText(event.target)) return;
      if (event.key === 'PageDown') setCurrent((i) => Math.min(count - 1, i + 1));
      else if (event.key === 'PageUp') setCurrent((i) => Math.max(0, i - 1));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  const rotate = (target: PageInfo) =>
    act('rotate', async () => {
      const info = await invoke('pages.rotate', { pageId: target.pageId, rotation: turnedRight(target.rotation) });
      setTurned((before) => ({ ...before, [info.pageId]: info }));
    });
  // The print is recorded first: a role that may not print is refused before anything prints.
  const print = () =>
    act('print', async () => {
      await invoke('documents.recordPrint', { documentId });
      setPrinting(true);
    });
  const exportPdf = () =>
    act('export', async () => {
      const result = await invoke('documents.exportPdf', { documentId });
      if (result.downloadUrl !== null) download(result.downloadUrl);
      else if (result.saved) void message.success(t('viewer.exported'));
    });

  const back = () => {
    if (doc?.state === 'inbox') navigate('inbox');
    else if (doc?.customerId) navigate('customers', doc.customerId);
    else navigate('documents');
  };
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="viewer-back">
      {t('viewer.back')}
    </Button>
  );

  if (opened.error !== null) {
    const notFound = opened.error instanceof IpcCallError && opened.error.error.code === 'NOT_FOUND';
    return (
      <div data-testid="page-viewer">
        {backButton}
        <Result status={notFound ? '404' : 'error'} title={notFound ? t('viewer.notFound') : errorMessage(opened.error)} />
      </div>
    );
  }
  if (doc === null) {
    return (
      <div data-testid="page-viewer">
        {backButton}
        <Skeleton active style={{ marginTop: 24 }} />
      </div>
    );
  }

  const tool = (label: string, icon: ReactNode, onClick: () => void, testId: string, disabled = false) => (
    <Tooltip title={label}>
      <Button icon={icon} aria-label={label} onClick={onClick} disabled={disabled} data-testid={testId} />
    </Tooltip>
  );
  const title = types.name(doc.documentTypeId) ?? doc.documentTypeCode ?? doc.fileName ?? t('inbox.untitled');

  return (
    <div data-testid="page-viewer" data-document-id={doc.documentId}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          {backButton}
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="viewer-title">
            {title}
          </Typography.Title>
          <Tag color={doc.state === 'inbox' ? 'blue' : 'green'}>{t(`viewer.states.${doc.state}`)}</Tag>
          <Typography.Text type="secondary">{[doc.customerName, doc.policyNumber, doc.fileName].filter(Boolean).join(' · ')}</Typography.Text>
        </Space>
        <Space wrap>
          {tool(t('viewer.previous'), <LeftOutlined />, () => setCurrent((i) => Math.max(0, i - 1)), 'viewer-prev', current === 0)}
          <Typography.Text data-testid="viewer-page-number">{t('viewer.pageOf', { page: count === 0 ? 0 : current + 1, count })}</Typography.Text>
          {tool(t('viewer.next'), <RightOutlined />, () => setCurrent((i) => Math.min(count - 1, i + 1)), 'viewer-next', current >= count - 1)}
          {tool(t('viewer.zoomOut'), <ZoomOutOutlined />, () => setZoom((z) => zoomed(z, 1 / zoomStep)), 'viewer-zoom-out')}
          {tool(t('viewer.zoomIn'), <ZoomInOutlined />, () => setZoom((z) => zoomed(z, zoomStep)), 'viewer-zoom-in')}
          {tool(t('viewer.fitWidth'), <ColumnWidthOutlined />, () => setZoom('fitWidth'), 'viewer-fit-width')}
          {tool(t('viewer.fitPage'), <ExpandOutlined />, () => setZoom('fitPage'), 'viewer-fit-page')}
          {page && tool(t('viewer.rotate'), <RotateRightOutlined />, () => void rotate(page), 'viewer-rotate', busy)}
          {doc.canPrint && (
            <Button icon={<PrinterOutlined />} onClick={() => void print()} disabled={busy || printing || count === 0} data-testid="viewer-print">
              {t('viewer.print')}
            </Button>
          )}
          {doc.canExport && (
            <Button icon={<FilePdfOutlined />} onClick={() => void exportPdf()} disabled={busy} data-testid="viewer-export">
              {t('viewer.exportPdf')}
            </Button>
          )}
        </Space>
      </Flex>
      <Row gutter={12} wrap={false}>
        <Col flex="112px">
          <nav className="viewer-strip" aria-label={t('viewer.pages')}>
            {pages.map((p, index) => (
              <button
                key={p.pageId}
                type="button"
                className="viewer-thumb"
                aria-current={index === current}
                onClick={() => setCurrent(index)}
                data-testid="viewer-thumb"
              >
                <PageThumb page={p} alt={t('viewer.pageOf', { page: index + 1, count })} height={96} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {index + 1}
                </Typography.Text>
              </button>
            ))}
          </nav>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <div className="viewer-stage">
            {page && (
              <img
                className={`viewer-image${typeof zoom === 'string' ? ` viewer-image-${zoom}` : ''}`}
                style={typeof zoom === 'number' ? { width: `${zoom}%` } : undefined}
                src={pageUrl(page, 'full')}
                alt={t('viewer.pageOf', { page: current + 1, count })}
                data-testid="viewer-image"
                data-page-id={page.pageId}
              />
            )}
          </div>
        </Col>
        <Col flex="340px">
          <Card size="small" title={t('viewer.pageDetails')} style={{ marginBottom: 12 }}>
            {page && <PageDetails page={page} />}
          </Card>
          <Card size="small" title={t('viewer.text')}>
            <PageTextPanel pages={pages} current={current} onOpen={setCurrent} />
          </Card>
        </Col>
      </Row>
      {printing && <PrintPages pages={pages} onDone={() => setPrinting(false)} />}
    </div>
  );
}
