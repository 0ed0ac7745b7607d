import { SearchOutlined } from '@ant-design/icons';
import { Input, Table, Typography } from 'antd';
import type { ColumnType as AntColumn } from 'antd/es/table/index.js';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportColumn } from '../../../../shared/ipc/methods/reports.js';
import { compareCells, isNumeric, useCellFormat } from './format-cell.js';

export type ReportRow = Record<string, string | number | boolean | null>;
/** A row with its position, as the table's key (report rows have no id of their own). */
type KeyedRow = ReportRow & { __key: number };

/**
 * One table of a report, driven by its typed columns: every column sorts on the client, text
 * columns filter by what the user types, numbers are right-aligned; `totals` become a summary row.
 */
export function ReportTable({
  columns,
  rows,
  totals,
  testId,
  size = 'middle',
  pageSize = 50,
}: {
  columns: ReportColumn[];
  rows: ReportRow[];
  totals?: ReportRow;
  testId: string;
  size?: 'small' | 'middle';
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation();
  const format = useCellFormat();
  const collator = new Intl.Collator(i18n.language, { numeric: true });
  const hasTotals = totals !== undefined && Object.keys(totals).length > 0;

  const antColumns: AntColumn<KeyedRow>[] = columns.map((column) => ({
    key: column.key,
    dataIndex: column.key,
    title: t(column.labelKey),
    align: isNumeric(column.type) ? 'right' : 'left',
    sorter: (a, b) => compareCells(a[column.key], b[column.key], collator),
    render: (value: ReportRow[string], row) =>
      // Rows about a customer carry its id (not a column): the customer's name opens the file.
      column.key === 'customer' && typeof row.customerId === 'string' ? <a href={`#/customers/${encodeURIComponent(row.customerId)}`}>{format(column.type, value)}</a> : format(column.type, value),
    onCell: () => ({ 'data-column': column.key }) as HTMLAttributes<HTMLElement>,
    ...(column.type === 'text' ? textFilter(column, t('reportsUi.filterPlaceholder', { column: t(column.labelKey) })) : {}),
  }));

  return (
    <Table<KeyedRow>
      size={size}
      rowKey="__key"
      data-testid={testId}
      dataSource={rows.map((row, i) => ({ ...row, __key: i }))}
      columns={antColumns}
      pagination={rows.length > pageSize ? { pageSize, showSizeChanger: false, showTotal: (total) => t('reportsUi.rowCount', { count: total }) } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('reportsUi.noRows') }}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as HTMLAttributes<HTMLElement>}
      summary={
        hasTotals
          ? () => (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid={`${testId}-totals`}>
                  {columns.map((column, i) => {
                    const value = totals[column.key];
                    const text = value === undefined ? '' : format(column.type, value);
                    return (
                      <Table.Summary.Cell key={column.key} index={i} align={isNumeric(column.type) ? 'right' : 'left'}>
                        <Typography.Text strong data-column={column.key}>
                          {i === 0 && text === '' ? t('reports.total') : text}
                        </Typography.Text>
                      </Table.Summary.Cell>
                    );
                  })}
                </Table.Summary.Row>
              </Table.Summary>
            )
          : undefined
      }
    />
  );
}

/** A text box in the column's filter menu: rows whose text contains what is typed, ignoring case. */
function textFilter(column: ReportColumn, placeholder: string): Partial<AntColumn<KeyedRow>> {
  return {
    filterIcon: (filtered: boolean) => <SearchOutlined style={{ color: filtered ? '#1677ff' : undefined }} aria-hidden />,
    filterDropdown: ({ selectedKeys, setSelectedKeys, confirm, clearFilters }) => (
      <div style={{ padding: 8 }} onKeyDown={(e) => e.stopPropagation()}>
        <Input.Search
          autoFocus
          allowClear
          size="small"
          placeholder={placeholder}
          aria-label={placeholder}
          value={selectedKeys[0] as string | undefined}
          onChange={(e) => {
            const text = e.target.value;
            setSelectedKeys(text ? [text] : []);
            if (!text) {
              clearFilters?.();
              confirm({ closeDropdown: false });
            }
          }}
          onSearch={() => confirm()}
          style={{ width: 220 }}
          data-testid={`report-filter-${column.key}`}
        />
      </div>
    ),
    onFilter: (value, row) => String(row[column.key] ?? '').toLocaleLowerCase().includes(String(value).toLocaleLowerCase()),
  };
}
