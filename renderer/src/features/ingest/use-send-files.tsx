import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

/**
 * Sends files the user dropped or chose as one batch: each file's bytes, read here and sent one
 * at a time so that a large drop never sits in memory whole. Main never gets a path from the
 * renderer. The batch is closed even when a file fails, so that what arrived is processed.
 */
async function sendBatch(files: File[], onSent: (sent: number) => void): Promise<{ unreadable: string[] }> {
  const { batchId } = await invoke('ingest.startBatch', { source: 'drop' });
  const unreadable: string[] = [];
  let failure: unknown = null;
  try {
    for (const [index, file] of files.entries()) {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        // Moved or deleted since it was dropped: the others still go.
        unreadable.push(file.name);
        continue;
      }
      await invoke('ingest.addFile', { batchId, name: file.name, bytes });
      onSent(index + 1);
    }
  } catch (e) {
    failure = e;
  }
  await invoke('ingest.closeBatch', { batchId });
  if (failure !== null) throw failure;
  return { unreadable };
}

/** Sends files as a batch, telling the user how far it got and where to follow the processing. */
export function useSendFiles(): (files: File[]) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return async (files) => {
    const key = `send-${Date.now()}`;
    const total = files.length;
    void message.loading({ key, content: t('ingest.sending', { done: 0, total }), duration: 0 });
    try {
      const { unreadable } = await sendBatch(files, (done) => void message.loading({ key, content: t('ingest.sending', { done, total }), duration: 0 }));
      void message.success({
        key,
        content: (
          <span data-testid="ingest-sent">
            {t('ingest.sent', { count: total - unreadable.length })}{' '}
            <Typography.Link href="#/inbox/batches">{t('ingest.showBatches')}</Typography.Link>
          </span>
        ),
      });
      if (unreadable.length > 0) void message.warning(t('ingest.unreadable', { names: unreadable.join(', ') }));
    } catch (e) {
      void message.error({ key, content: errorMessage(e) });
    }
  };
}
