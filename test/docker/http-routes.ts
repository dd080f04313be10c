import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** `GET /health`-style routes of a Nest controller, read from its decorators (no app started). */
export function routesOf(controller: abstract new (...args: never[]) => unknown): string[] {
  const prefix = pathsOf(controller);
  const routes: string[] = [];
  const descriptors = Object.getOwnPropertyDescriptors(controller.prototype as object);
  for (const descriptor of Object.values(descriptors)) {
    const handler: unknown = descriptor.value;
    if (typeof handler !== 'function' || handler === controller) continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    for (const base of prefix)
      for (const path of pathsOf(handler)) {
        const joined = `/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        routes.push(`${RequestMethod[method]} ${joined}`);
      }
  }
  return routes.sort();
}

function pathsOf(target: object): string[] {
  const path = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return path === undefined ? [''] : Array.isArray(path) ? path : [path];
}
