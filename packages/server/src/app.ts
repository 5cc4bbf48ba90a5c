/**
 * buildApp({ db, dbKind, config }) → a ready Fastify instance (not listening).
 * Every `src/<domain>/routes.ts` that default-exports a RouteModule is registered
 * automatically, in folder-name order, so domains need no edit here.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installSessionHooks } from './auth/session.ts';
import type { Config } from './config.ts';
import type { Db, DbKind } from './db/index.ts';
import { errorBody, errorHandler } from './http/errors.ts';
import health from './http/health.ts';
import type { App, RouteModule } from './http/types.ts';

// Schema messages in Vietnamese (zod 4 ships a 'vi' locale).
z.config(z.locales.vi());

const SRC = path.dirname(fileURLToPath(import.meta.url));

export interface BuildOptions {
  db: Db;
  dbKind: DbKind;
  config: Config;
  /** Route modules to register instead of discovering src/<domain>/routes.ts (tests). */
  modules?: RouteModule[];
}

/** The `src/<domain>/routes.ts` files, sorted by folder. */
export async function discoverRouteModules(): Promise<{ name: string; module: RouteModule }[]> {
  const out: { name: string; module: RouteModule }[] = [];
  const dirs = (await readdir(SRC, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const dir of dirs.sort()) {
    const file = path.join(SRC, dir, 'routes.ts');
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { default?: RouteModule };
    if (typeof mod.default !== 'function')
      throw new Error(`${dir}/routes.ts has no default RouteModule export`);
    out.push({ name: dir, module: mod.default });
  }
  return out;
}

const NO_WEB_BUNDLE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>dondoc</title></head>
<body style="font-family: sans-serif; max-width: 42rem; margin: 3rem auto; line-height: 1.5">
<h1>dondoc — máy chủ đang chạy</h1>
<p>Chưa có giao diện web: thư mục <code>packages/web/dist</code> chưa được tạo.</p>
<p>Hãy dựng giao diện bằng lệnh <code>npm run build -w @dondoc/web</code> rồi khởi động lại <code>dondoc serve</code>.</p>
<p>API vẫn hoạt động: xem tài liệu tại <a href="/api/docs">/api/docs</a>, tình trạng tại <a href="/api/health">/api/health</a>.</p>
</body></html>
`;

export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger: config.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.DONDOC_TRUST_PROXY === '1',
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('dbKind', options.dbKind);
  app.decorate('config', config);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadLimit, files: 50, fields: 200, parts: 300 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'dondoc API',
        description: 'Theo dõi, đôn đốc nhiệm vụ từ thông báo kết luận',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dondoc_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installSessionHooks(app);

  await app.register(health);
  const modules = options.modules
    ? options.modules.map((module, i) => ({ name: `module${i}`, module }))
    : await discoverRouteModules();
  for (const { module } of modules) await app.register(module);

  const hasWeb = existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: ['index.html'] });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NO_WEB_BUNDLE),
    );
  }

  app.setNotFoundHandler(async (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '';
    // SPA fallback: client-side routes (/tasks/12 ...) get the application shell.
    if (hasWeb && request.method === 'GET' && !urlPath.startsWith('/api') && !path.extname(urlPath)) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('not_found', `Không tìm thấy đường dẫn ${request.method} ${urlPath}.`));
  });

  return app;
}
