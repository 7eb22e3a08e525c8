import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Every test file gets its own pare data directory (run store), so tests never touch ~/.local/share/pare
// and never see each other's runs. A test that wants another store sets PARE_HOME or PARE_STORE_URL itself.
process.env.PARE_HOME = mkdtempSync(join(tmpdir(), "pare-home-"));
delete process.env.PARE_STORE_URL;
