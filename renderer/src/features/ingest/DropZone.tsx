import { InboxOutlined } from '@ant-design/icons';
import { App, Typography } from 'antd';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './drop-zone.css';
import { useSendFiles } from './use-send-files.js';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * The whole window takes dropped files (flow 1): an overlay says so while files are dragged over
 * it, and each dropped file is sent as bytes in one batch. A folder has no bytes to read: it is
 * left out with a hint to drop its files. Without `enabled` (a role that may not import) drops
 * are only kept from opening the file in the window.
 */
export function DropZone({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sendFiles = useSendFiles();
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every element crossed: count them to know when the drag left the window.
  const depth = useRef(0);

  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    if (!enabled) return;
    // The items can only be read during the event.
    const items = [...event.dataTransfer.items].filter((item) => item.kind === 'file');
    const isFolder = items.map((item) => item.webkitGetAsEntry()?.isDirectory === true);
    const files = items.flatMap((item, i) => (isFolder[i] ? [] : [item.getAsFile()])).filter((file): file is File => file !== null);
    const folders = isFolder.filter(Boolean).length;
    if (folders > 0) void message.warning(t('ingest.foldersNotSupported', { count: folders }));
    if (files.length > 0) void sendFiles(files);
  };

  return (
    <div
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = enabled ? 'copy' : 'none';
      }}
      onDragLeave={(event) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={onDrop}
    >
      {children}
      {over && enabled && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <InboxOutlined className="drop-overlay-icon" />
          <Typography.Title level={3}>{t('ingest.dropTitle')}</Typography.Title>
          <Typography.Text>{t('ingest.dropHint')}</Typography.Text>
        </div>
      )}
    </div>
  );
}
