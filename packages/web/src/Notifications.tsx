import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type Notification } from './api.ts';
import { formatDateTime } from './format.ts';
import { useI18n } from './i18n.tsx';

/** The bell in the top bar: unread count, the latest notifications, mark as read. */
export function Notifications() {
  const { l } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api
      .notifications()
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  async function follow(n: Notification) {
    setOpen(false);
    if (!n.read) await api.readNotification(n.id).catch(() => undefined);
    load();
    if (n.link) navigate(n.link);
  }

  return (
    <div className="notifications" ref={root}>
      <button
        type="button"
        className="bell"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notifications-button"
        onClick={() => {
          setOpen((o) => !o);
          load();
        }}
      >
        {l('Thông báo', 'Notifications')}
        {unread > 0 && (
          <span className="bell-count" data-testid="notifications-unread">
            {unread}
            <span className="sr-only"> {l('chưa đọc', 'unread')}</span>
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="notif-panel" data-testid="notifications-panel">
          <div className="notif-head">
            <strong>{l('Thông báo', 'Notifications')}</strong>
            {unread > 0 && (
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  await api.readAllNotifications().catch(() => undefined);
                  load();
                }}
              >
                {l('Đánh dấu đã đọc tất cả', 'Mark all read')}
              </button>
            )}
          </div>
          {items.length === 0 && <p className="muted">{l('Chưa có thông báo.', 'No notifications.')}</p>}
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.read ? 'read' : 'unread'}>
                <button type="button" className="notif-item" onClick={() => follow(n)}>
                  <span className="notif-title">{n.title}</span>
                  <span className="notif-body">
                    {n.body.length > 140 ? `${n.body.slice(0, 140)}…` : n.body}
                  </span>
                  <span className="notif-time">{formatDateTime(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
