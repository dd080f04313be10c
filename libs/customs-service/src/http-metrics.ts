import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { type NextFunction, type Request, type Response } from 'express';
import { type Counter } from 'prom-client';

/** The route label of a request no route took (a 404, or a path the service does not serve). */
export const UNMATCHED_ROUTE = 'unmatched';
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RoutePattern {
  /** `GET`, `POST`, … (`ALL` matches any). */
  method: string;
  /** As Express registers it, e.g. `/plate-reads`. */
  path: string;
}

/** The routes of Nest controllers, read from their decorators, as Nest registers them with Express. */
export function routePatternsOf(controllers: readonly Type[]): RoutePattern[] {
  const routes: RoutePattern[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as object;
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(prototype))) {
      const handler: unknown = descriptor.value;
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      for (const base of pathsOf(controller))
        for (const path of pathsOf(handler))
          routes.push({
            method: RequestMethod[method],
            path: `/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
          });
    }
  }
  return routes;
}

function pathsOf(target: object): string[] {
  const path = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return path === undefined ? [''] : Array.isArray(path) ? path : [path];
}

/**
 * Express middleware, registered before the body parser, counting every answered request into
 * `uamd_http_requests_total{route,method,status}`. A middleware rather than a Nest interceptor,
 * so the body parser's own 400/413 and the 404 of an unknown path count too. `route` is the
 * pattern of the route that handled the request (Express's `req.route.path`); for a request
 * refused before routing (a body that is not JSON) the static pattern its method and path match,
 * with Express's own leniency (case, a trailing slash); otherwise `unmatched`. The raw URL and
 * the query string never become a label value, and an unusual method counts as `OTHER`.
 * A request whose client went away before the answer was written is not counted.
 */
export function httpMetricsMiddleware(
  requests: Counter<'route' | 'method' | 'status'>,
  routes: readonly RoutePattern[],
) {
  const fallback = routes
    .filter((r) => !/[:*?()[\]{}+]/.test(r.path))
    .map((r) => ({ ...r, key: normalize(r.path) }));
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    res.once('finish', () => {
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      const matched = (req.route as { path?: unknown } | undefined)?.path;
      let route = typeof matched === 'string' ? matched : undefined;
      if (route === undefined) {
        const key = normalize(path);
        const asMethod = method === 'HEAD' ? 'GET' : method;
        route = fallback.find(
          (r) => r.key === key && (r.method === asMethod || r.method === 'ALL'),
        )?.path;
      }
      requests.inc({ route: route ?? UNMATCHED_ROUTE, method, status: String(res.statusCode) });
    });
    next();
  };
}

function normalize(path: string): string {
  return path.toLowerCase().replace(/(.)\/$/, '$1');
}
