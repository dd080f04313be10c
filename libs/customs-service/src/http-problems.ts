import { HttpException, HttpStatus } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { type Problem } from './validation';

/** The one error body shape of the service: a readable message naming each field, and the list for machines. */
export interface ProblemBody {
  statusCode: number;
  error: string;
  message: string;
  problems: Problem[];
}

export function problemBody(statusCode: number, error: string, problems: Problem[]): ProblemBody {
  return {
    statusCode,
    error,
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  };
}

export function badRequest(problems: Problem[]): HttpException {
  return new HttpException(
    problemBody(HttpStatus.BAD_REQUEST, 'Bad Request', problems),
    HttpStatus.BAD_REQUEST,
  );
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  message?: unknown;
}

/**
 * Express error middleware for the JSON body parser, registered right after it: Nest would
 * otherwise turn a parse error into a bare 400 with the parser's message, and the client
 * should learn that the body itself is not JSON, or too large.
 */
export function bodyParserErrorHandler(limitLabel: string) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const e = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError;
    const detail = typeof e.message === 'string' ? e.message : 'unreadable body';
    if (e.type === 'entity.parse.failed') {
      res
        .status(400)
        .json(
          problemBody(400, 'Bad Request', [
            { field: 'body', message: `is not valid JSON (${detail})` },
          ]),
        );
    } else if (e.type === 'entity.too.large') {
      res
        .status(413)
        .json(
          problemBody(413, 'Payload Too Large', [
            { field: 'body', message: `is larger than the ${limitLabel} limit` },
          ]),
        );
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res
        .status(e.status)
        .json(problemBody(e.status, 'Bad Request', [{ field: 'body', message: detail }]));
    } else {
      next(err);
    }
  };
}
