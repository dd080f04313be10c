import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Optional,
  Post,
  UseGuards,
} from '@nestjs/common';
import { EncodeError } from '@uamd/codec';
import { type CustomsConfig } from '@uamd/config';
import { type InputEvent } from '@uamd/domain';
import { type EventProducer, type OutgoingRecord } from '@uamd/messaging';
import {
  CLOCK,
  CUSTOMS_CONFIG,
  EVENT_PRODUCER,
  HTTP_EVENT_IDS,
  RECORD_TARGET,
} from './customs.tokens';
import { CustomsMetrics } from './customs-metrics';
import { toOutgoingRecord, type RecordTarget } from './event-records';
import { badRequest, problemBody } from './http-problems';
import { IntakeAuthGuard } from './intake-auth.guard';
import { SidePublisher, type Clock, type PublisherProgress } from './side-publisher';
import {
  validateDeclarationInput,
  validatePlateReadInput,
  type EventIdSource,
  type ValidationContext,
  type ValidationResult,
} from './validation';

export interface Accepted {
  eventId: string;
  topic: string;
  partition: number;
}

/** Thin HTTP edge (docs/style.md item 2): validate, encode, publish, and answer only once Kafka has acknowledged. */
@Controller()
export class CustomsController {
  constructor(
    @Inject(CUSTOMS_CONFIG) private readonly config: CustomsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECORD_TARGET) private readonly target: RecordTarget,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(HTTP_EVENT_IDS) private readonly ids: EventIdSource,
    @Inject(CustomsMetrics) private readonly metrics: CustomsMetrics,
    /** Only when simulating. */
    @Optional() @Inject(SidePublisher) private readonly publisher?: SidePublisher,
  ) {}

  @Post('plate-reads')
  @UseGuards(IntakeAuthGuard)
  @HttpCode(HttpStatus.ACCEPTED)
  async postPlateRead(@Body() body: unknown): Promise<Accepted> {
    return this.publish(validatePlateReadInput(body, { ...this.context(), ids: this.ids }));
  }

  @Post('declarations')
  @UseGuards(IntakeAuthGuard)
  @HttpCode(HttpStatus.ACCEPTED)
  async postDeclaration(@Body() body: unknown): Promise<Accepted> {
    return this.publish(
      validateDeclarationInput(body, {
        ...this.context(),
        newEventId: () => this.ids.newEventId(),
      }),
    );
  }

  @Get('health')
  health(): { status: 'ok'; country: string } {
    return { status: 'ok', country: this.config.country };
  }

  @Get('status')
  status(): { country: string; simulate: boolean; publisher: PublisherProgress | null } {
    return {
      country: this.config.country,
      simulate: this.config.simulate,
      publisher: this.publisher?.progress() ?? null,
    };
  }

  private context(): ValidationContext {
    const { country, maxFutureSkewMs, maxPastMs } = this.config;
    return { country, nowMs: this.clock(), maxFutureSkewMs, maxPastMs };
  }

  private async publish(result: ValidationResult<InputEvent>): Promise<Accepted> {
    if (!result.ok) throw badRequest(result.problems);
    const record = this.encode(result.event);
    try {
      await this.producer.send([record]);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const body = problemBody(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', [
        { field: 'kafka', message: `did not acknowledge the event (${why}); retry later` },
      ]);
      throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    }
    this.metrics.published([{ event: result.event, record }], this.clock());
    return { eventId: result.event.data.eventId, topic: record.topic, partition: record.partition };
  }

  private encode(event: InputEvent): OutgoingRecord {
    try {
      const now = this.clock();
      return toOutgoingRecord(event, this.target, now, now);
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
