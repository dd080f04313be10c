import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
} from '@nestjs/common';
import { EncodeError } from '@uamd/codec';
import { type InputEvent } from '@uamd/domain';
import { type OutgoingRecord } from '@uamd/messaging';
import { CUSTOMS_RUNTIME, type CustomsRuntime } from './customs.runtime';
import { toOutgoingRecord } from './event-records';
import { badRequest, problemBody } from './http-problems';
import { type PublisherProgress } from './side-publisher';
import {
  validateDeclarationInput,
  validatePlateReadInput,
  type ValidationContext,
  type ValidationResult,
} from './validation';

export interface Accepted {
  eventId: string;
  topic: string;
  partition: number;
}

/** Thin HTTP edge (STYLE 2): validate, encode, publish, and answer only once Kafka has acknowledged. */
@Controller()
export class CustomsController {
  constructor(@Inject(CUSTOMS_RUNTIME) private readonly runtime: CustomsRuntime) {}

  @Post('plate-reads')
  @HttpCode(HttpStatus.ACCEPTED)
  async postPlateRead(@Body() body: unknown): Promise<Accepted> {
    return this.publish(validatePlateReadInput(body, { ...this.context(), ids: this.runtime.ids }));
  }

  @Post('declarations')
  @HttpCode(HttpStatus.ACCEPTED)
  async postDeclaration(@Body() body: unknown): Promise<Accepted> {
    return this.publish(
      validateDeclarationInput(body, {
        ...this.context(),
        newEventId: () => this.runtime.ids.newEventId(),
      }),
    );
  }

  @Get('health')
  health(): { status: 'ok'; country: string } {
    return { status: 'ok', country: this.runtime.config.country };
  }

  @Get('status')
  status(): { country: string; simulate: boolean; publisher: PublisherProgress | null } {
    const { config, publisher } = this.runtime;
    return {
      country: config.country,
      simulate: config.simulate,
      publisher: publisher?.progress() ?? null,
    };
  }

  private context(): ValidationContext {
    const { config, clock } = this.runtime;
    return { country: config.country, nowMs: clock(), maxFutureSkewMs: config.maxFutureSkewMs };
  }

  private async publish(result: ValidationResult<InputEvent>): Promise<Accepted> {
    if (!result.ok) throw badRequest(result.problems);
    const record = this.encode(result.event);
    try {
      await this.runtime.producer.send([record]);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const body = problemBody(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', [
        { field: 'kafka', message: `did not acknowledge the event (${why}); retry later` },
      ]);
      throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { eventId: result.event.data.eventId, topic: record.topic, partition: record.partition };
  }

  private encode(event: InputEvent): OutgoingRecord {
    try {
      const now = this.runtime.clock();
      return toOutgoingRecord(event, this.runtime.target, now, now);
    } catch (err) {
      // The validators should catch everything the schema refuses; this keeps a gap between them a 400, not a 500.
      if (err instanceof EncodeError)
        throw badRequest(
          err.paths.map((field) => ({ field, message: 'does not fit the Avro schema' })),
        );
      throw err;
    }
  }
}
