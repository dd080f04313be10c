import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { type CustomsConfig } from '@uamd/config';
import { COUNTRIES, type Country } from '@uamd/domain';
import { type Request, type Response } from 'express';
import { CUSTOMS_CONFIG } from './customs.tokens';
import { problemBody } from './http-problems';

/**
 * Authenticated intake: with this administration's token configured, a POST must carry it as
 * `Authorization: Bearer <token>`. No or an unknown token is a 401; the other administration's
 * token is a 403 (it is known, and not allowed to write here). Tokens are compared as SHA-256
 * digests with `timingSafeEqual`, so neither their content nor their length leaks through timing.
 */
@Injectable()
export class IntakeAuthGuard implements CanActivate {
  private readonly digests: ReadonlyArray<[Country, Buffer]>;
  private readonly own: Country;
  /** Open only when this administration has no token configured (development). */
  private readonly required: boolean;

  constructor(@Inject(CUSTOMS_CONFIG) config: CustomsConfig) {
    this.own = config.country;
    this.digests = COUNTRIES.flatMap((country): Array<[Country, Buffer]> => {
      const token = config.intakeTokens?.[country];
      return token ? [[country, digest(token)]] : [];
    });
    this.required = this.digests.some(([country]) => country === this.own);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.required) return true;
    const http = context.switchToHttp();
    const presented = bearerOf(http.getRequest<Request>().headers.authorization);
    const holder = presented === undefined ? undefined : this.holderOf(digest(presented));
    if (holder === this.own) return true;
    if (holder !== undefined) {
      throw new HttpException(
        problemBody(HttpStatus.FORBIDDEN, 'Forbidden', [
          {
            field: 'authorization',
            message: `a token of ${holder} may not write to the ${this.own} intake`,
          },
        ]),
        HttpStatus.FORBIDDEN,
      );
    }
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="uamd-intake"');
    throw new HttpException(
      problemBody(HttpStatus.UNAUTHORIZED, 'Unauthorized', [
        {
          field: 'authorization',
          message:
            presented === undefined
              ? `a bearer token of the ${this.own} administration is required`
              : 'the bearer token is not one this intake knows',
        },
      ]),
      HttpStatus.UNAUTHORIZED,
    );
  }

  /** Every digest is compared, found or not, so the time taken does not say which matched. */
  private holderOf(presented: Buffer): Country | undefined {
    let holder: Country | undefined;
    for (const [country, expected] of this.digests)
      if (timingSafeEqual(presented, expected)) holder ??= country;
    return holder;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}
