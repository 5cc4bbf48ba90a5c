import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { type Agency, api } from './api.ts';
import { compareVi, fold, formatDate } from './format.ts';
import { useI18n } from './i18n.tsx';

/** dd/mm/yyyy → ISO date, or null when it is not a real date. */
export function parseDmy(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

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

export interface AgencyChoice {
  name: string;
  id: string | null;
}

/**
 * Combobox that matches agency names to the registry: typing filters the registry
 * without diacritics; a name from the notice that matches nothing is shown as unresolved,
 * with the server's suggestions (learned corrections first) one click away.
 */
export function AgencyPicker({
  label,
  value,
  onChange,
  registry,
  testId,
}: {
  label: string;
  value: AgencyChoice[];
  onChange: (next: AgencyChoice[]) => void;
  registry: Agency[];
  testId?: string;
}) {
  const { l } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();

  const options = useMemo(() => {
    const q = fold(query.trim());
    if (!q) return [];
    const words = q.split(/\s+/);
    return registry
      .filter((a) => !a.dissolvedAt)
      .filter((a) => {
        const hay = fold(`${a.name} ${a.shortName ?? ''}`);
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => compareVi(a.name, b.name))
      .slice(0, 12);
  }, [query, registry]);

  function choose(agency: Agency) {
    if (!value.some((v) => v.id === agency.id)) onChange([...value, { name: agency.name, id: agency.id }]);
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
      <ul className="chips" aria-label={label}>
        {value.map((choice, i) => (
          <AgencyChip
            key={`${choice.id ?? 'x'}-${choice.name}`}
            choice={choice}
            onRemove={() => onChange(value.filter((_, j) => j !== i))}
            onResolve={(agency) =>
              onChange(value.map((v, j) => (j === i ? { name: agency.name, id: agency.id } : v)))
            }
          />
        ))}
      </ul>
      <div className="combo">
        <input
          id={inputId}
          role="combobox"
          aria-expanded={open && options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
          placeholder={l('Gõ tên cơ quan để thêm…', 'Type an agency name to add…')}
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
                {agency.name}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function AgencyChip({
  choice,
  onRemove,
  onResolve,
}: {
  choice: AgencyChoice;
  onRemove: () => void;
  onResolve: (agency: Agency) => void;
}) {
  const { l } = useI18n();
  const [suggestions, setSuggestions] = useState<Agency[] | null>(null);
  useEffect(() => {
    if (choice.id) return;
    let live = true;
    api
      .suggestAgencies(choice.name)
      .then((list) => live && setSuggestions(list.slice(0, 3).map((s) => s.agency)))
      .catch(() => live && setSuggestions([]));
    return () => {
      live = false;
    };
  }, [choice.id, choice.name]);
  return (
    <li className={`chip${choice.id ? '' : ' chip-unresolved'}`}>
      <span>{choice.name}</span>
      {!choice.id && (
        <span className="chip-warning">
          ⚠ {l('Chưa khớp danh mục cơ quan', 'Not matched to the registry')}
          {suggestions && suggestions.length > 0 && (
            <span className="chip-suggestions">
              {suggestions.map((agency) => (
                <button
                  key={agency.id}
                  type="button"
                  className="link-button"
                  onClick={() => onResolve(agency)}
                >
                  {l('Dùng', 'Use')}: {agency.name}
                </button>
              ))}
            </span>
          )}
        </span>
      )}
      <button
        type="button"
        className="chip-remove"
        aria-label={`${l('Bỏ', 'Remove')} ${choice.name}`}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}
