import { UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcCallError, invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useSendFiles } from './use-send-files.js';

/**
 * "Import files…": main opens its file dialog and reads the files itself. Where there is no
 * dialog (the browser host) the button falls back to the page's own file chooser, whose files go
 * the same way as dropped ones.
 */
export function ImportButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const sendFiles = useSendFiles();
  const [noDialog, setNoDialog] = useState(false);
  const chooser = useRef<HTMLInputElement>(null);

  const pick = async () => {
    if (noDialog) {
      chooser.current?.click();
      return;
    }
    try {
      const { batchId } = await invoke('ingest.pickFiles', {});
      if (batchId !== null) void message.success(t('ingest.importStarted'));
    } catch (e) {
      if (e instanceof IpcCallError && e.error.code === 'NOT_AVAILABLE') {
        // The browser opens a chooser only straight after a click; this one may have expired by now.
        setNoDialog(true);
        void message.info(t('ingest.noDialog'));
      } else {
        void message.error(errorMessage(e));
      }
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => void pick()} data-testid="import-files">
        {t('ingest.importFiles')}
      </Button>
      <input
        ref={chooser}
        type="file"
        multiple
        hidden
        data-testid="import-chooser"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) void sendFiles(files);
        }}
      />
    </>
  );
}
