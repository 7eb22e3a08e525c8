import pl from "nodejs-polars";

/**
 * A columnar builder of polars frames: cells are written by row index into typed columns, and the frame is built in
 * one native pass. It gives the same frame (dtypes, values, nulls, -0) as `pl.Series(name, cells, dtype)` per
 * column, without converting every JS cell through napi:
 * - strings and booleans are dictionary-encoded while filled: the distinct values cross into polars once, the row
 *   codes as one `Uint32Array`, and polars gathers them;
 * - numbers go into a `Float64Array` (plus a validity mask when a cell is null); Int64 columns are cast from it,
 *   which is exact for safe integers.
 * A column whose cells do not fit its fast form (a number in a string column, a non-safe integer in an Int64
 * column) is built by `pl.Series` from its cells, as before.
 */

export type FrameCell = string | number | boolean | null;

/** The dtypes the builder knows; the result schema uses only these. */
export type BuilderDtype = "String" | "Bool" | "Float64" | "Int64";

const DTYPES: Record<BuilderDtype, pl.DataType> = {
  String: pl.String,
  Bool: pl.Bool,
  Float64: pl.Float64,
  Int64: pl.Int64,
};

/** The builder's name for a polars dtype, or null when it has no fast form for it. */
export function builderDtype(dtype: pl.DataType): BuilderDtype | null {
  const variant = dtype.variant as string;
  if (variant === "Utf8" || variant === "String") return "String";
  if (variant === "Bool" || variant === "Float64" || variant === "Int64") return variant;
  return null;
}

interface Column {
  readonly name: string;
  readonly dtype: BuilderDtype;
  /** The cells as JS values, for the `pl.Series` fallback. */
  cells(): FrameCell[];
  /** False once a cell was set that the fast form cannot hold. */
  fast(): boolean;
}

/** The distinct strings of a frame's string columns, each once, numbered in order of first use. */
export class StringDictionary {
  readonly values: (string | null)[] = [];
  private readonly index = new Map<string | null, number>();

  code(value: string | null): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

const BOOL_CODE_NULL = 2;
/** Bool cells by code: 0 false, 1 true, 2 null. */
const BOOL_DICTIONARY: (boolean | null)[] = [false, true, null];

/**
 * Strings or booleans, dictionary-encoded: `codes[row]` numbers the row's cell in the frame's string dictionary
 * (strings) or in false/true/null (booleans).
 */
export class DictColumn<T extends string | boolean> implements Column {
  readonly codes: Uint32Array;
  /** The cells as given, once one did not have the column's type. */
  private raw: FrameCell[] | null = null;
  private lastValue: string | null = null;
  private lastCode = -1;

  constructor(
    readonly name: string,
    readonly dtype: "String" | "Bool",
    height: number,
    private readonly dictionary: StringDictionary,
  ) {
    this.codes = new Uint32Array(height);
  }

  set(row: number, value: T | null): void {
    if (this.raw) {
      this.raw[row] = value;
      return;
    }
    if (this.dtype === "Bool") {
      if (value === null) this.codes[row] = BOOL_CODE_NULL;
      else if (typeof value === "boolean") this.codes[row] = value ? 1 : 0;
      else this.untyped(row, value);
      return;
    }
    if (value !== null && typeof value !== "string") {
      this.untyped(row, value);
      return;
    }
    // Runs of one value are common (a scenario's runs, a status): skip the lookup for a repeat.
    if (value !== this.lastValue || this.lastCode < 0) {
      this.lastValue = value as string | null;
      this.lastCode = this.dictionary.code(value as string | null);
    }
    this.codes[row] = this.lastCode;
  }

  private untyped(row: number, value: FrameCell): void {
    this.raw = this.cells();
    this.raw[row] = value;
  }

  /** Every row holds `value`; meant for a fresh column. */
  fill(value: T | null): void {
    if (this.codes.length === 0) return;
    this.set(0, value);
    if (this.raw) this.raw.fill(value);
    else this.codes.fill(this.codes[0] as number);
  }

  fast(): boolean {
    return this.raw === null;
  }

  /**
   * The column re-encoded against a dictionary of its own cells (in order of first use): used when the frame's
   * shared dictionary is longer than the frame (a polars column of the frame's height holds it).
   */
  ownDictionary(): { codes: Uint32Array; values: (string | null)[] } {
    const own = new StringDictionary();
    const shared = this.dictionary.values;
    const codes = new Uint32Array(this.codes.length);
    for (let i = 0; i < codes.length; i++)
      codes[i] = own.code(shared[this.codes[i] as number] as string | null);
    return { codes, values: own.values };
  }

  cells(): FrameCell[] {
    if (this.raw) return [...this.raw];
    const values = this.dtype === "Bool" ? BOOL_DICTIONARY : this.dictionary.values;
    const out = new Array<FrameCell>(this.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = values[this.codes[i] as number] as FrameCell;
    return out;
  }
}

/** Float64 or Int64 cells in a `Float64Array`; `valid[i]` is 0 for a null cell. */
export class NumberColumn implements Column {
  readonly values: Float64Array;
  private valid: Uint8Array | null = null;
  private typed = true;
  /** The cells as given, once one was not a number. */
  private raw: FrameCell[] | null = null;

  constructor(
    readonly name: string,
    readonly dtype: "Float64" | "Int64",
    readonly height: number,
  ) {
    this.values = new Float64Array(height);
  }

  set(row: number, value: number | null): void {
    if (this.raw) this.raw[row] = value;
    if (value === null) {
      if (this.valid === null) this.valid = new Uint8Array(this.height).fill(1);
      this.valid[row] = 0;
      return;
    }
    if (typeof value !== "number") {
      // Not a number at all: keep the cells as given, for pl.Series to convert as it always did.
      if (!this.raw) this.raw = this.cells();
      this.raw[row] = value;
      this.typed = false;
      return;
    }
    if (this.dtype === "Int64" && !Number.isSafeInteger(value)) this.typed = false;
    this.values[row] = value;
  }

  /** Every row holds `value`; meant for a fresh column. */
  fill(value: number | null): void {
    if (value === null) {
      this.valid = new Uint8Array(this.height);
      if (this.raw) this.raw.fill(null);
    } else if (typeof value === "number" && !this.raw) {
      if (this.dtype === "Int64" && !Number.isSafeInteger(value)) this.typed = false;
      this.values.fill(value);
      this.valid = null;
    } else {
      for (let i = 0; i < this.height; i++) this.set(i, value);
    }
  }

  /** The validity mask, or null when no cell is null. */
  get validity(): Uint8Array | null {
    return this.valid;
  }

  fast(): boolean {
    return this.typed;
  }

  cells(): FrameCell[] {
    if (this.raw) return [...this.raw];
    const out = new Array<FrameCell>(this.height);
    for (let i = 0; i < this.height; i++) out[i] = this.valid && this.valid[i] === 0 ? null : this.values[i]!;
    return out;
  }
}

export type BuilderColumn = DictColumn<string> | DictColumn<boolean> | NumberColumn;

/**
 * Output expressions by layout: polars expressions are costly to create from JS (each wraps hundreds of methods),
 * and a layout's expressions depend only on column names, kinds and positions, not on the data.
 */
const expressionCache = new Map<string, pl.Expr>();
const EXPRESSION_CACHE_LIMIT = 4096;

function cachedExpression(key: string, make: () => pl.Expr): pl.Expr {
  let expr = expressionCache.get(key);
  if (expr === undefined) {
    if (expressionCache.size >= EXPRESSION_CACHE_LIMIT) expressionCache.clear();
    expr = make();
    expressionCache.set(key, expr);
  }
  return expr;
}

const SHARED_DICTIONARY = "__dictionary";
const BOOL_COLUMN = "__bools";

/** Columns of one frame, in the order they are added; every column has `height` rows. */
export class FrameBuilder {
  private readonly columns: BuilderColumn[] = [];
  private readonly names = new Set<string>();
  private readonly dictionary = new StringDictionary();

  constructor(readonly height: number) {
    if (!Number.isInteger(height) || height < 0) throw new Error(`FrameBuilder: bad height ${height}`);
  }

  private add<C extends BuilderColumn>(column: C): C {
    if (this.names.has(column.name)) throw new Error(`FrameBuilder: duplicate column ${column.name}`);
    this.names.add(column.name);
    this.columns.push(column);
    return column;
  }

  string(name: string): DictColumn<string> {
    return this.add(new DictColumn<string>(name, "String", this.height, this.dictionary));
  }

  bool(name: string): DictColumn<boolean> {
    return this.add(new DictColumn<boolean>(name, "Bool", this.height, this.dictionary));
  }

  float(name: string): NumberColumn {
    return this.add(new NumberColumn(name, "Float64", this.height));
  }

  int(name: string): NumberColumn {
    return this.add(new NumberColumn(name, "Int64", this.height));
  }

  column(name: string, dtype: BuilderDtype): BuilderColumn {
    if (dtype === "String") return this.string(name);
    if (dtype === "Bool") return this.bool(name);
    return dtype === "Float64" ? this.float(name) : this.int(name);
  }

  /** A column holding `value` in every row. */
  constant(name: string, dtype: BuilderDtype, value: FrameCell): void {
    const column = this.column(name, dtype);
    (column as { fill(value: FrameCell): void }).fill(value);
  }

  /** A column from JS cells (one per row). */
  cells(name: string, dtype: BuilderDtype, cells: readonly FrameCell[]): void {
    if (cells.length !== this.height)
      throw new Error(`FrameBuilder: column ${name} has ${cells.length} cells, not ${this.height}`);
    const column = this.column(name, dtype) as { set(row: number, value: FrameCell): void };
    for (let i = 0; i < cells.length; i++) column.set(i, cells[i] as FrameCell);
  }

  build(): pl.DataFrame {
    const n = this.height;
    // Up to two rows: nothing to gain, and the boolean dictionary (false, true, null) is longer than the frame.
    if (n < BOOL_DICTIONARY.length || this.columns.length === 0)
      return pl.DataFrame(this.columns.map((c) => pl.Series(c.name, c.cells(), DTYPES[c.dtype])));
    const inputs: pl.Series[] = [];
    const outputs: pl.Expr[] = [];
    // One dictionary column of the frame's height holds every string column's distinct cells, unless they outnumber
    // the rows (then each string column brings its own).
    const shared = this.dictionary.values.length <= n;
    let sharedUsed = false;
    let boolsUsed = false;
    const padded = (name: string, values: FrameCell[], dtype: pl.DataType): pl.Series => {
      const series = pl.Series(name, values, dtype);
      // In one chunk: gathering from a two-chunk column is ~3x slower.
      return values.length < n ? series.extendConstant(null, n - values.length).rechunk() : series;
    };
    this.columns.forEach((column, j) => {
      const dtype = DTYPES[column.dtype];
      const key = `${j}\u0000${column.name}\u0000${column.dtype}`;
      if (!column.fast()) {
        const input = `__s${j}`;
        inputs.push(pl.Series(input, column.cells(), dtype));
        outputs.push(cachedExpression(`direct${key}`, () => pl.col(input).alias(column.name)));
        return;
      }
      if (column instanceof DictColumn) {
        const codes = `__c${j}`;
        if (column.dtype === "Bool") {
          inputs.push(pl.Series(codes, column.codes));
          boolsUsed = true;
          outputs.push(
            cachedExpression(`bool${key}`, () =>
              pl.col(BOOL_COLUMN).gather(pl.col(codes)).alias(column.name),
            ),
          );
        } else if (shared) {
          inputs.push(pl.Series(codes, column.codes));
          sharedUsed = true;
          outputs.push(
            cachedExpression(`shared${key}`, () =>
              pl.col(SHARED_DICTIONARY).gather(pl.col(codes)).alias(column.name),
            ),
          );
        } else {
          const own = column.ownDictionary();
          const dictionary = `__d${j}`;
          inputs.push(pl.Series(codes, own.codes), padded(dictionary, own.values, dtype));
          outputs.push(
            cachedExpression(`own${key}`, () => pl.col(dictionary).gather(pl.col(codes)).alias(column.name)),
          );
        }
        return;
      }
      const values = `__v${j}`;
      inputs.push(pl.Series(values, column.values));
      const validity = column.validity;
      if (validity) {
        const valid = `__m${j}`;
        inputs.push(pl.Series(valid, validity));
        outputs.push(
          cachedExpression(`masked${key}`, () => {
            const masked = pl
              .when(pl.col(valid).eq(pl.lit(1)))
              .then(pl.col(values))
              .otherwise(pl.lit(null));
            return (column.dtype === "Int64" ? masked.cast(pl.Int64) : masked).alias(column.name);
          }),
        );
      } else {
        outputs.push(
          cachedExpression(`number${key}`, () =>
            (column.dtype === "Int64" ? pl.col(values).cast(pl.Int64) : pl.col(values)).alias(column.name),
          ),
        );
      }
    });
    if (sharedUsed) inputs.push(padded(SHARED_DICTIONARY, this.dictionary.values, pl.String));
    if (boolsUsed) inputs.push(padded(BOOL_COLUMN, BOOL_DICTIONARY, pl.Bool));
    // Every column in one chunk, as pl.Series builds them (nChunks() reads only the first column, so always; a
    // column already in one chunk is not copied).
    return pl
      .DataFrame(inputs)
      .select(...outputs)
      .rechunk();
  }
}
