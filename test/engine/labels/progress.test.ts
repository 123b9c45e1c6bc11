import { labelsWorld } from '../../../bench/labels';
import { runLabelExport, runLabelImport } from '../../../src/engine';
import { issueB2 } from '../../../src/sandbox/b2-issuer';

/**
 * A label run over a large 受注一覧 tells the person waiting on the dialog where it is (a toast per stage, the
 * UI's port throttles them); a small one shows none, since each toast is a spreadsheet call.
 */

function recorded(shipments: number) {
  const w = labelsWorld(shipments);
  const toasts: string[] = [];
  w.env.progress = { progress: (m) => void toasts.push(m) };
  return { ...w, toasts };
}

test('export and import of 600 rows show their stages; the preview shows only the first', () => {
  const w = recorded(600);
  expect(runLabelExport(w.env, { format: 'b2', dryRun: true }).shipments).toBe(600);
  expect(w.toasts).toEqual(['B2クラウド: 受注一覧 600 行から送り状を作成中…']);
  w.toasts.length = 0;
  const ex = runLabelExport(w.env, { format: 'b2' });
  expect(w.toasts).toEqual([
    'B2クラウド: 受注一覧 600 行から送り状を作成中…',
    'B2クラウド: 600 件を受注一覧に書き込み中…',
  ]);
  w.toasts.length = 0;
  runLabelImport(w.env, { format: 'b2', table: issueB2(ex.file!.rows, 1) });
  expect(w.toasts).toEqual([
    'B2クラウド: 発行済みデータ 600 行を受注一覧と照合中…',
    'B2クラウド: 600 件を受注一覧に書き込み中…',
  ]);
});

test('a small table shows no toast', () => {
  const w = recorded(40);
  const ex = runLabelExport(w.env, { format: 'b2' });
  runLabelImport(w.env, { format: 'b2', table: issueB2(ex.file!.rows, 1) });
  expect(w.toasts).toEqual([]);
});
