import { runDiagnosticsCli } from '../src/main/diagnostics/cli'

// Usage: npm run diagnostics -- [--json] [--hub=URL] [--include-user-names] [--include-serials] [--missing="text"]
process.stdout.write(await runDiagnosticsCli(process.argv.slice(2), process.env))
// systeminformation and fetch may keep handles open for a while; the answer is out, so stop now.
process.exit(0)
