import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import {
  KafkaHealthIndicator,
  PartitionsHealthIndicator,
  RedisHealthIndicator,
  RuntimeHealthIndicator,
  SchemaRegistryHealthIndicator,
} from './health.indicators';

/** Readiness (`/health`) and liveness (`/health/live`), 503 with terminus' body when down. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly runtime: RuntimeHealthIndicator,
    private readonly partitions: PartitionsHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly schemaRegistry: SchemaRegistryHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.runtime.check(),
      () => this.kafka.check(),
      () => this.redis.check(),
      () => this.schemaRegistry.check(),
      () => this.partitions.check(),
    ]);
  }

  /** Down only where a restart helps: an unreachable broker or Redis, or a moved partition, is not. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.runtime.check()]);
  }
}
