import { type Type } from '@nestjs/common';
import { routePatternsOf } from '@uamd/customs-service';

/** `GET /health`-style routes of a Nest controller, read from its decorators (no app started). */
export function routesOf(controller: Type): string[] {
  return routePatternsOf([controller])
    .map(({ method, path }) => `${method} ${path}`)
    .sort();
}
