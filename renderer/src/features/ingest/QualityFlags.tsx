import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QualityFlag } from '../../../../shared/ipc/methods/ingest.js';

/** Scans below this resolution fall short of DA/T 31-2017. */
export const minimumDpi = 200;

const colours: Record<QualityFlag, string> = { lowResolution: 'orange', blank: 'default', ocrFailed: 'red' };

/** A page's or a file's quality problems, each explained on hover. */
export function QualityFlags({ flags }: { flags: readonly QualityFlag[] }) {
  const { t } = useTranslation();
  return [...new Set(flags)].map((flag) => (
    <Tooltip key={flag} title={t(`ingest.flagHints.${flag}`)}>
      <Tag color={colours[flag]} data-testid={`flag-${flag}`}>
        {t(`ingest.flags.${flag}`)}
      </Tag>
    </Tooltip>
  ));
}
