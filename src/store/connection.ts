import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
  sql,
} from "kysely";
import pg from "pg";
import { createSchema, type Dialect, STORE_SCHEMA_VERSION, type StoreDatabase } from "./schema.js";
import { describeStoreLocation, type StoreLocation } from "./store-location.js";

/** Milliseconds a writer waits for another process's transaction before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export class StoreOpenError extends Error {
  override readonly name = "StoreOpenError";
  /** Who is at fault when the store cannot be used. */
  readonly errorClass = "infrastructure";
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a writer takes the write lock up front (waiting up to the
 * busy timeout), so two processes never deadlock upgrading read transactions.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/** better-sqlite3 with prepared statements reused (kysely prepares every query again otherwise). */
function cachingDatabase(db: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = db.prepare(text) as unknown as SqliteStatement;
        if (statements.size > 500) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export interface StoreConnection {
  db: Kysely<StoreDatabase>;
  dialect: Dialect;
  location: StoreLocation;
  /** Bytes the store occupies (database file with its WAL, or the PostgreSQL database). */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

const INT8_OID = 20;

function openSqlite(location: Extract<StoreLocation, { kind: "sqlite" }>): StoreConnection {
  if (existsSync(location.path) && statSync(location.path).isDirectory())
    throw new StoreOpenError(`the store path ${location.path} is a directory; give a database file`);
  try {
    mkdirSync(dirname(location.path), { recursive: true });
  } catch (error) {
    // The usual cause: PARE_HOME (or a parent of --store) is a file.
    let blocker = dirname(location.path);
    while (!existsSync(blocker) && dirname(blocker) !== blocker) blocker = dirname(blocker);
    const why =
      existsSync(blocker) && !statSync(blocker).isDirectory()
        ? `${blocker} is a file, not a directory`
        : (error as Error).message;
    throw new StoreOpenError(`cannot create the run store's directory for ${location.path}: ${why}`);
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(location.path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    raw.pragma("journal_mode = WAL");
    // In WAL mode NORMAL loses nothing on a process crash (kill -9); only a power cut may drop the last commits.
    raw.pragma("synchronous = NORMAL");
  } catch (error) {
    throw new StoreOpenError(`cannot open the run store ${location.path}: ${(error as Error).message}`);
  }
  const db = new Kysely<StoreDatabase>({ dialect: new ImmediateSqliteDialect(cachingDatabase(raw)) });
  return {
    db,
    dialect: "sqlite",
    location,
    sizeBytes: async () =>
      ["", "-wal", "-shm"]
        .map((suffix) => `${location.path}${suffix}`)
        .filter((path) => existsSync(path))
        .reduce((sum, path) => sum + statSync(path).size, 0),
    close: () => db.destroy(),
  };
}

function openPostgres(location: Extract<StoreLocation, { kind: "postgres" }>): StoreConnection {
  const pool = new pg.Pool({
    connectionString: location.url,
    max: 4,
    connectionTimeoutMillis: 15_000,
    // Counts and seeds are int8; their values stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    location,
    sizeBytes: async () => {
      const row = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(
        db,
      );
      return Number(row.rows[0]?.size ?? 0);
    },
    close: () => db.destroy(),
  };
}

/** Opens the store and creates its tables if needed. Errors say which store could not be used. */
export async function openStoreConnection(location: StoreLocation): Promise<StoreConnection> {
  const connection = location.kind === "sqlite" ? openSqlite(location) : openPostgres(location);
  try {
    await connection.db.transaction().execute(async (trx) => {
      if (connection.dialect === "postgres") await sql`select pg_advisory_xact_lock(7165362891)`.execute(trx);
      await createSchema(trx, connection.dialect);
      const version = await trx
        .selectFrom("meta")
        .select("value")
        .where("key", "=", "schema_version")
        .executeTakeFirst();
      if (version === undefined) {
        await trx
          .insertInto("meta")
          .values({ key: "schema_version", value: String(STORE_SCHEMA_VERSION) })
          .execute();
      } else if (Number(version.value) < STORE_SCHEMA_VERSION) {
        // createSchema has just added what the older version lacked (tables only; nothing is rewritten).
        await trx
          .updateTable("meta")
          .set({ value: String(STORE_SCHEMA_VERSION) })
          .where("key", "=", "schema_version")
          .execute();
      } else if (Number(version.value) > STORE_SCHEMA_VERSION) {
        throw new StoreOpenError(
          `the run store ${describeStoreLocation(location)} has schema version ${version.value}, newer than this pare-ts (${STORE_SCHEMA_VERSION}); upgrade pare-ts`,
        );
      }
    });
  } catch (error) {
    await connection.close().catch(() => {});
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      `cannot use the run store ${describeStoreLocation(location)}: ${(error as Error).message}`,
    );
  }
  return connection;
}
