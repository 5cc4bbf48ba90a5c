import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { type Agency, api, type Suggestion } from './api.ts';
import { agencyLabel, compareVi, fold, formatDate, parseDmy } from './format.ts';

export { parseDmy };

import { useI18n } from './i18n.tsx';

/** A date typed as dd/mm/yyyy (the form users write), held as ISO. */
export function DateInput({
  value,
  onChange,
  label,
  id,
  required,
}: {
  value: string | null;
  onChange: (iso: string | null) => void;
  label: string;
  id?: string;
  required?: boolean;
}) {
  const { l } = useI18n();
  const [text, setText] = useState(formatDate(value));
  const [invalid, setInvalid] = useState(false);
  const autoId = useId();
  const inputId = id ?? autoId;
  useEffect(() => {
    setText(formatDate(value));
    setInvalid(false);
  }, [value]);
  function commit(raw: string) {
    if (!raw.trim()) {
      setInvalid(!!required);
      onChange(null);
      return;
    }
    const iso = parseDmy(raw);
    setInvalid(!iso);
    if (iso) onChange(iso);
  }
  return (
    <span className="date-input">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        value={text}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${inputId}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
        }}
      />
      {invalid && (
        <span id={`${inputId}-err`} className="error-text" role="alert">
          {l('Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy', 'Invalid date, use dd/mm/yyyy')}
        </span>
      )}
    </span>
  );
}

export interface Mapping {
  name: string;
  agencyId: number;
}

/** Suggestions for a name from the notice: the document's own list, else the server's. */
function useSuggestions(name: string, given: Suggestion[] | undefined): Suggestion[] | null {
  const [fetched, setFetched] = useState<Suggestion[] | null>(null);
  useEffect(() => {
    if (given) return;
    let live = true;
    api
      .suggestAgencies(name)
      .then((list) => live && setFetched(list))
      .catch(() => live && setFetched([]));
    return () => {
      live = false;
    };
  }, [name, given]);
  return given ?? fetched;
}

/**
 * Registry agencies of one role (chủ trì / phối hợp) of a task. The names the notice used
 * are shown above, each ✓ when one of the chosen agencies matches it, or ⚠ unresolved with
 * the server's suggestions (learned corrections first) one click away. The combobox adds
 * any agency of the registry, filtered without diacritics, sorted by Intl.Collator('vi').
 */
export function AgencyPicker({
  label,
  ids,
  names,
  onChange,
  registry,
  suggestions,
  testId,
  disabled,
}: {
  label: string;
  ids: number[];
  names: string[];
  onChange: (next: number[], learned?: Mapping) => void;
  registry: Agency[];
  suggestions?: Record<string, Suggestion[]>;
  testId?: string;
  disabled?: boolean;
}) {
  const { l } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();
  const byId = useMemo(() => new Map(registry.map((a) => [a.id, a])), [registry]);

  const options = useMemo(() => {
    const q = fold(query.trim());
    if (!q) return [];
    const words = q.split(/\s+/);
    return registry
      .filter((a) => !a.dissolvedAt && !ids.includes(a.id))
      .filter((a) => {
        const hay = fold(`${a.name} ${a.shortName ?? ''} ${a.province ?? ''}`);
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => compareVi(a.name, b.name))
      .slice(0, 12);
  }, [query, registry, ids]);

  function choose(agency: Agency) {
    if (!ids.includes(agency.id)) onChange([...ids, agency.id]);
    setQuery('');
    setOpen(false);
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (open && option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className="agency-picker" data-testid={testId}>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      {names.length > 0 && disabled && (
        <p className="muted small">
          {l('Trong văn bản', 'In the notice')}: {names.map((n) => `“${n}”`).join(', ')}
        </p>
      )}
      {names.length > 0 && !disabled && (
        <ul className="notice-names" aria-label={l('Tên trong văn bản', 'Names in the notice')}>
          {names.map((name) => (
            <NoticeName
              key={name}
              name={name}
              ids={ids}
              given={suggestions?.[name]}
              onUse={(agency) =>
                onChange(ids.includes(agency.id) ? ids : [...ids, agency.id], { name, agencyId: agency.id })
              }
            />
          ))}
        </ul>
      )}
      <ul className="chips" aria-label={`${label}: ${l('đã chọn', 'chosen')}`}>
        {ids.map((id) => {
          const agency = byId.get(id);
          const name = agency ? agencyLabel(agency) : `#${id}`;
          return (
            <li key={id} className="chip">
              <span>{name}</span>
              {agency?.dissolvedAt && (
                <span className="chip-warning">
                  {l('đã sáp nhập', 'merged')}
                  {agency.successorId ? ` → ${byId.get(agency.successorId)?.name ?? ''}` : ''}
                </span>
              )}
              {!disabled && (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`${l('Bỏ', 'Remove')} ${name}`}
                  onClick={() => onChange(ids.filter((x) => x !== id))}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
        {ids.length === 0 && <li className="muted small">{l('Chưa chọn cơ quan', 'None chosen')}</li>}
      </ul>
      {!disabled && (
        <div className="combo">
          <input
            id={inputId}
            role="combobox"
            aria-expanded={open && options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
            placeholder={l('Gõ tên cơ quan để thêm (có dấu hoặc không)…', 'Type an agency name to add…')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(0);
            }}
            onKeyDown={onKey}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          {open && options.length > 0 && (
            <div id={listId} role="listbox" className="listbox">
              {options.map((agency, i) => (
                <div
                  key={agency.id}
                  id={`${listId}-${i}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === active}
                  className={i === active ? 'active' : ''}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(agency);
                  }}
                >
                  {agencyLabel(agency)}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function NoticeName({
  name,
  ids,
  given,
  onUse,
}: {
  name: string;
  ids: number[];
  given: Suggestion[] | undefined;
  onUse: (agency: Suggestion['agency']) => void;
}) {
  const { l } = useI18n();
  const suggestions = useSuggestions(name, given);
  const matched = suggestions?.some((s) => ids.includes(s.agency.id)) ?? false;
  const resolved = matched || (ids.length > 0 && suggestions !== null && suggestions.length === 0);
  return (
    <li className={`notice-name${resolved ? ' resolved' : ' unresolved'}`} data-resolved={resolved}>
      <span>“{name}”</span>{' '}
      {resolved ? (
        <span className="ok-text">✓ {l('đã khớp', 'matched')}</span>
      ) : (
        <span className="warning-inline">
          ⚠ {l('Chưa khớp danh mục cơ quan', 'Not matched to the registry')}
          {suggestions && suggestions.length > 0 && (
            <span className="chip-suggestions">
              {suggestions.slice(0, 3).map((s) => (
                <button
                  key={s.agency.id}
                  type="button"
                  className="link-button"
                  onClick={() => onUse(s.agency)}
                >
                  {l('Dùng', 'Use')}: {agencyLabel(s.agency)}
                  {s.agency.dissolvedAt ? ` — ${l('đã sáp nhập', 'merged')}` : ''}
                </button>
              ))}
            </span>
          )}
        </span>
      )}
    </li>
  );
}

/** "Cơ quan" filter: every agency (sorted by the caller) or all of them. */
export function AgencySelect({
  agencies,
  value,
  onChange,
}: {
  agencies: Array<Pick<Agency, 'id' | 'name'> & { province?: string | null }>;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field-label">{t('agency')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('allAgencies')}</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {agencyLabel(a)}
          </option>
        ))}
      </select>
    </label>
  );
}
