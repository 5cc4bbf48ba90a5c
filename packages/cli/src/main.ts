import { extractCommand } from './commands/extract.ts';

const USAGE = `dondoc — theo dõi nhiệm vụ từ thông báo kết luận

Usage:
  dondoc extract [--out DIR] FILE...   extract notice@1 records from .txt/.md files
  dondoc serve [--port N] [--data DIR] start the server (embedded database unless DATABASE_URL is set)
  dondoc import [--data DIR] FILE...   import notices into the database
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  extract: async () => extractCommand,
  // Loaded lazily so that `dondoc extract` never pays for the server's start-up.
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`dondoc: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}
