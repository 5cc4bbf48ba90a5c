import { type DragEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, type DocumentSummary } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';

interface UploadItem {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'duplicate' | 'error';
  error?: string;
  document?: DocumentSummary;
}

const ACCEPT = '.txt,.md,.docx,.pdf,.png,.jpg,.jpeg,.tif,.tiff';

export function ImportPage() {
  const { l } = useI18n();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'draft' | 'published' | ''>('draft');
  const docs = useLoad(() => api.documents({ status: status || undefined, pageSize: 100 }), [status]);

  function update(key: string, patch: Partial<UploadItem>) {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }

  function start(files: FileList | File[]) {
    const list = Array.from(files);
    const fresh = list.map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      name: file.name,
      size: file.size,
      progress: 0,
      state: 'uploading' as const,
    }));
    setItems((old) => [...fresh, ...old]);
    list.forEach((file, i) => {
      const key = fresh[i]?.key ?? '';
      api
        .uploadDocument(file, (fraction) => update(key, { progress: fraction }))
        .then((r) => {
          update(key, { state: r.duplicate ? 'duplicate' : 'done', progress: 1, document: r.document });
          docs.reload();
        })
        .catch((e: unknown) =>
          update(key, { state: 'error', error: e instanceof ApiError ? e.message : String(e) }),
        );
    });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length) start(event.dataTransfer.files);
  }

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{l('Tiếp nhận thông báo kết luận', 'Import conclusion notices')}</h1>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse gesture; the button inside is the keyboard path */}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>
          {l(
            'Kéo và thả một hoặc nhiều tệp vào đây (TXT, DOCX, PDF, ảnh quét)',
            'Drag and drop one or more files here (TXT, DOCX, PDF, scans)',
          )}
        </p>
        <button type="button" className="btn-primary" onClick={() => input.current?.click()}>
          {l('Chọn tệp…', 'Choose files…')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          aria-label={l('Chọn tệp để tải lên', 'Choose files to upload')}
          data-testid="file-input"
          onChange={(e) => {
            if (e.target.files?.length) start(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      {items.length > 0 && (
        <ul className="upload-list" aria-label={l('Tệp đang tải lên', 'Uploads')}>
          {items.map((item) => (
            <li key={item.key} className={`upload upload-${item.state}`}>
              <div className="upload-head">
                <strong>{item.name}</strong>
                <span className="muted">{Math.ceil(item.size / 1024)} KB</span>
              </div>
              <progress
                max={1}
                value={item.progress}
                aria-label={`${l('Tiến độ tải', 'Upload progress')} ${item.name}`}
              />
              <div className="upload-state" aria-live="polite">
                {item.state === 'uploading' && `${Math.round(item.progress * 100)}%`}
                {item.state === 'error' && <span className="error-text">{item.error}</span>}
                {(item.state === 'done' || item.state === 'duplicate') && item.document && (
                  <>
                    {item.state === 'duplicate'
                      ? l('Văn bản này đã được tiếp nhận trước đó. ', 'Already imported. ')
                      : l('Đã tiếp nhận. ', 'Imported. ')}
                    <Link to={`/documents/${item.document.id}`}>{l('Rà soát', 'Review')}</Link>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2>{l('Văn bản đã tiếp nhận', 'Imported documents')}</h2>
      <div className="toolbar">
        <label className="field inline">
          <span className="field-label">{l('Trạng thái', 'Status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="draft">{l('Chờ rà soát', 'Awaiting review')}</option>
            <option value="published">{l('Đã ban hành theo dõi', 'Published')}</option>
            <option value="">{l('Tất cả', 'All')}</option>
          </select>
        </label>
      </div>
      {docs.loading && !docs.data ? <Loading /> : null}
      <ErrorBox error={docs.error} />
      {docs.data && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{l('Văn bản', 'Documents')}</caption>
            <thead>
              <tr>
                <th scope="col">{l('Tệp', 'File')}</th>
                <th scope="col">{l('Số, ký hiệu', 'Number')}</th>
                <th scope="col">{l('Trích yếu', 'Subject')}</th>
                <th scope="col">{l('Trạng thái', 'Status')}</th>
                <th scope="col">{l('Tiếp nhận lúc', 'Imported at')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.data.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {l('Chưa có văn bản.', 'No documents yet.')}
                  </td>
                </tr>
              )}
              {docs.data.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/documents/${d.id}`}>{d.fileName}</Link>
                  </td>
                  <td>{d.number ?? d.record?.number ?? ''}</td>
                  <td>{d.subject ?? d.record?.subject ?? ''}</td>
                  <td>
                    {d.status === 'published' ? l('Đã ban hành', 'Published') : l('Chờ rà soát', 'Draft')}
                  </td>
                  <td>{formatDateTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
