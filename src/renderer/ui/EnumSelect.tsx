/** A labelled select over a fixed list of values, each shown through `text`. */
export function EnumSelect<T extends string>(props: {
  label: string
  value: T
  values: readonly T[]
  text: (value: T) => string
  onChange: (value: T) => void
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.text(value)}
          </option>
        ))}
      </select>
    </label>
  )
}
