import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { readCustomsConfig, readReconcilerConfig, type Env } from '@uamd/config';
import { CustomsMetrics, CustomsModule, routePatternsOf } from '@uamd/customs-service';
import { topicNames } from '@uamd/messaging';
import { type Registry } from 'prom-client';
import { parse } from 'yaml';
import { ReconcilerMetrics } from '../apps/reconciler/src/metrics/reconciler.metrics';
import { ReconcilerModule } from '../apps/reconciler/src/reconciler.module';

// Static checks of the monitoring stack in docker/ (no broker, no Docker engine): Prometheus scrapes the
// compose services where their apps listen and serve /metrics, Grafana reads that Prometheus, and every
// dashboard query names only metrics (and labels) the services' code exports. The exported names come from
// instantiating the services' metrics classes, never from a list kept here.
// YAML is read with `yaml`, already in node_modules (through testcontainers → docker-compose).

const ROOT = join(__dirname, '..');
const DOCKER = join(ROOT, 'docker');
const read = (rel: string): string => readFileSync(join(DOCKER, rel), 'utf8');
const PROMETHEUS_CONFIG = 'prometheus/prometheus.yml';
const DATASOURCES = 'grafana/provisioning/datasources/prometheus.yml';
const DASHBOARD_PROVIDERS = 'grafana/provisioning/dashboards/uamd.yml';
const DASHBOARD = 'grafana/dashboards/uamd-exchange.json';

/** The env without the Kafka login: the files it names exist only in the container. */
const hostSide = (env: Env): Env =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !/^KAFKA_(SASL|SSL)_/.test(name)));

/** How each app of the image reads its port and which controllers it serves (as its main starts it). */
const HTTP_APPS: Record<string, { port: (env: Env) => number; controllers: (env: Env) => Type[] }> =
  {
    'ua-customs': {
      port: (env) => readCustomsConfig('UA', hostSide(env)).port,
      controllers: (env) =>
        CustomsModule.forConfig(readCustomsConfig('UA', hostSide(env))).controllers ?? [],
    },
    'md-customs': {
      port: (env) => readCustomsConfig('MD', hostSide(env)).port,
      controllers: (env) =>
        CustomsModule.forConfig(readCustomsConfig('MD', hostSide(env))).controllers ?? [],
    },
    reconciler: {
      port: (env) => readReconcilerConfig(hostSide(env)).port,
      controllers: () =>
        (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ReconcilerModule) as Type[]) ?? [],
    },
  };

// ---- docker/compose.yml -------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
}

function composeServices(): Record<string, ComposeService> {
  // `<<: *app` merges the shared app settings, as compose does.
  const doc = parse(read('compose.yml'), { merge: true }) as { services?: unknown };
  if (!isRecord(doc.services)) throw new Error('compose.yml: no services');
  return doc.services as Record<string, ComposeService>;
}

function envOf(service: ComposeService): Env {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

/** Container ports a service publishes (`host:container`, `container`, optionally `/tcp`). */
function containerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((p) => {
    const m = /^(?:(?:[\d.]+:)?[^:]+:)?(\d+)(?:\/tcp)?$/.exec(String(p));
    if (!m) throw new Error(`compose.yml: port mapping '${p}' not understood`);
    return Number(m[1]);
  });
}

/** Where a service mounts a path of docker/ (`./x:/target[:ro]`), undefined when it does not. */
function mountOf(service: ComposeService, source: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [from, to] = String(volume).split(':');
    if (from !== undefined && to !== undefined && posix.normalize(from) === posix.normalize(source))
      return to;
  }
  return undefined;
}

// ---- docker/prometheus/prometheus.yml -----------------------------------------------------------

interface ScrapeTarget {
  job: string;
  host: string;
  port: number;
  path: string;
}

/** The scrape targets, refusing keys this file is not meant to use (so a typo cannot pass silently). */
function scrapeTargets(): ScrapeTarget[] {
  const doc = parse(read(PROMETHEUS_CONFIG)) as unknown;
  if (!isRecord(doc)) throw new Error(`${PROMETHEUS_CONFIG}: not a mapping`);
  onlyKeys(doc, ['global', 'scrape_configs'], PROMETHEUS_CONFIG);
  if (!Array.isArray(doc.scrape_configs) || doc.scrape_configs.length === 0)
    throw new Error(`${PROMETHEUS_CONFIG}: no scrape_configs`);
  return doc.scrape_configs.flatMap((job: unknown): ScrapeTarget[] => {
    if (!isRecord(job) || typeof job.job_name !== 'string')
      throw new Error(`${PROMETHEUS_CONFIG}: a scrape config without job_name`);
    const where = `${PROMETHEUS_CONFIG} job ${job.job_name}`;
    onlyKeys(job, ['job_name', 'metrics_path', 'scrape_interval', 'static_configs'], where);
    const path = job.metrics_path ?? '/metrics';
    if (typeof path !== 'string') throw new Error(`${where}: metrics_path is not a string`);
    if (!Array.isArray(job.static_configs)) throw new Error(`${where}: no static_configs`);
    return job.static_configs.flatMap((group: unknown) => {
      if (!isRecord(group) || !Array.isArray(group.targets))
        throw new Error(`${where}: static_configs without targets`);
      onlyKeys(group, ['targets'], where);
      return group.targets.map((target: unknown) => {
        const m = typeof target === 'string' ? /^([a-z0-9-]+):(\d+)$/.exec(target) : null;
        if (!m) throw new Error(`${where}: target ${String(target)} is not host:port`);
        return { job: job.job_name as string, host: m[1]!, port: Number(m[2]), path };
      });
    });
  });
}

// ---- what the services export -------------------------------------------------------------------

interface Exported {
  /** Every series name a scrape can show, with the labels it can carry. */
  labels: Map<string, Set<string>>;
}

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

async function exported(registries: Registry[]): Promise<Exported> {
  const labels = new Map<string, Set<string>>();
  for (const registry of registries)
    for (const metric of await registry.getMetricsAsJSON()) {
      const names = (registry.getSingleMetric(metric.name) as { labelNames?: string[] } | undefined)
        ?.labelNames;
      const own = [...(names ?? []), ...TARGET_LABELS];
      // At run time the type is the exposition's word ('histogram'); the typings call it an enum.
      const type = String(metric.type);
      const series: Array<[string, string[]]> =
        type === 'histogram'
          ? [
              [`${metric.name}_bucket`, [...own, 'le']],
              [`${metric.name}_sum`, own],
              [`${metric.name}_count`, own],
            ]
          : type === 'summary'
            ? [
                [metric.name, [...own, 'quantile']],
                [`${metric.name}_sum`, own],
                [`${metric.name}_count`, own],
              ]
            : [[metric.name, own]];
      for (const [name, l] of series)
        labels.set(name, new Set([...(labels.get(name) ?? []), ...l]));
    }
  return { labels };
}

// ---- PromQL, as far as the dashboard needs it ----------------------------------------------------

const PROMQL_AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'topk',
  'bottomk',
  'quantile',
  'stddev',
  'stdvar',
  'group',
]);
const PROMQL_FUNCTIONS = new Set([
  ...PROMQL_AGGREGATIONS,
  'abs',
  'absent',
  'ceil',
  'clamp_min',
  'clamp_max',
  'delta',
  'deriv',
  'floor',
  'histogram_quantile',
  'idelta',
  'increase',
  'irate',
  'label_replace',
  'rate',
  'resets',
  'round',
  'scalar',
  'sort',
  'sort_desc',
  'time',
  'timestamp',
  'vector',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
]);
/** Keywords followed by a list of label names (optional after group_left and group_right). */
const LABEL_LIST_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);
const OTHER_KEYWORDS = new Set(['bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan']);

interface QueryNames {
  metrics: string[];
  labels: string[];
}

/**
 * The metric names and label names a PromQL expression uses. A small, strict reader: strings,
 * numbers and durations, Grafana variables (`$__rate_interval`), identifiers and operators; a
 * character it does not know, an unknown function or an unclosed bracket is an error.
 */
function promqlNames(expr: string): QueryNames {
  const tokens: Array<{ kind: 'ident' | 'punct' | 'other'; text: string }> = [];
  const patterns: Array<[RegExp, 'ident' | 'punct' | 'other' | 'skip']> = [
    [/^\s+/, 'skip'],
    [/^"(?:[^"\\]|\\.)*"|^'(?:[^'\\]|\\.)*'|^`[^`]*`/, 'other'],
    [/^\$(?:\{[^}]+\}|\w+)/, 'other'],
    [/^(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:ms|[smhdwy])?/i, 'other'],
    [/^[a-zA-Z_:][a-zA-Z0-9_:]*/, 'ident'],
    [/^(?:==|!=|<=|>=|=~|!~|[-+*/%^<>=(){}[\],])/, 'punct'],
  ];
  for (let rest = expr; rest.length > 0;) {
    const hit = patterns.find(([re]) => re.test(rest));
    if (!hit) throw new Error(`PromQL: cannot read '${rest.slice(0, 20)}' in ${expr}`);
    const text = hit[0].exec(rest)![0];
    if (hit[1] !== 'skip') tokens.push({ kind: hit[1], text });
    rest = rest.slice(text.length);
  }
  const metrics: string[] = [];
  const labels: string[] = [];
  const closing: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const open: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { kind, text } = tokens[i]!;
    const next = tokens[i + 1]?.text;
    const inside = open.at(-1);
    if (kind === 'punct') {
      if (closing[text]) open.push(text);
      else if (Object.values(closing).includes(text)) {
        if (closing[open.pop() ?? ''] !== text)
          throw new Error(`PromQL: unbalanced '${text}' in ${expr}`);
      }
      continue;
    }
    if (kind !== 'ident') continue;
    if (inside === '[') continue;
    if (inside === '{') {
      // A matcher: name op value.
      labels.push(text);
      continue;
    }
    if (LABEL_LIST_KEYWORDS.has(text)) {
      if (next !== '(' && text.startsWith('group_')) continue;
      if (next !== '(') throw new Error(`PromQL: '${text}' without a label list in ${expr}`);
      let j = i + 2;
      for (; tokens[j] && tokens[j]!.text !== ')'; j++)
        if (tokens[j]!.kind === 'ident') labels.push(tokens[j]!.text);
        else if (tokens[j]!.text !== ',') throw new Error(`PromQL: bad label list in ${expr}`);
      if (!tokens[j]) throw new Error(`PromQL: unclosed label list in ${expr}`);
      i = j;
      continue;
    }
    if (OTHER_KEYWORDS.has(text.toLowerCase())) continue;
    // `sum by (le) (…)`: the grouping may come before the arguments.
    if (PROMQL_AGGREGATIONS.has(text) && (next === 'by' || next === 'without')) continue;
    if (next === '(') {
      if (!PROMQL_FUNCTIONS.has(text))
        throw new Error(`PromQL: unknown function '${text}' in ${expr}`);
      continue;
    }
    metrics.push(text);
  }
  if (open.length > 0) throw new Error(`PromQL: unclosed '${open.join('')}' in ${expr}`);
  return { metrics, labels };
}

// ---- docker/grafana -----------------------------------------------------------------------------

interface Panel {
  type?: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<{ expr?: unknown; datasource?: { uid?: string } }>;
  panels?: Panel[];
}

/** Every panel of the dashboard, rows' nested (collapsed) panels included. */
function panelsOf(dashboard: { panels?: Panel[] }): Panel[] {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...panelsOf(p)]);
}

function dashboard(): { uid?: string; panels?: Panel[] } {
  return JSON.parse(read(DASHBOARD)) as { uid?: string; panels?: Panel[] };
}

// ---------------------------------------------------------------------------------------------------

describe('docker/prometheus/prometheus.yml', () => {
  const services = composeServices();
  const targets = scrapeTargets();

  it('scrapes every app service of compose.yml that serves HTTP, once', () => {
    const apps = Object.entries(services)
      .filter(([, s]) => Object.hasOwn(HTTP_APPS, envOf(s)['APP'] ?? ''))
      .map(([name]) => name)
      .sort();
    expect(apps.length).toBe(Object.keys(HTTP_APPS).length);
    expect(targets.map((t) => t.host).sort()).toEqual(apps);
    expect(new Set(targets.map((t) => t.job)).size).toBe(targets.length);
  });

  it('names, for each target, a compose service and the port its app listens on and publishes', () => {
    const wrong = targets.flatMap(({ host, port }) => {
      const service = services[host];
      if (!service) return [`${host}:${port}: no compose service ${host}`];
      const env = envOf(service);
      const app = HTTP_APPS[env['APP'] ?? ''];
      if (!app) return [`${host}:${port}: ${host} runs no HTTP app (APP=${env['APP']})`];
      const listens = app.port(env);
      const problems: string[] = [];
      if (listens !== port) problems.push(`${host}:${port}: the app listens on ${listens}`);
      if (!containerPorts(service).includes(port))
        problems.push(`${host}:${port}: compose publishes ${JSON.stringify(service.ports)}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it("asks for a path the app's controllers serve", () => {
    const wrong = targets.flatMap(({ host, path }) => {
      const env = envOf(services[host] ?? {});
      const app = HTTP_APPS[env['APP'] ?? ''];
      const routes = routePatternsOf(app?.controllers(env) ?? []);
      return routes.some((r) => r.method === 'GET' && r.path === path)
        ? []
        : [
            `${host}: GET ${path} is not among ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}`,
          ];
    });
    expect(wrong).toEqual([]);
  });

  it('is the file the compose prometheus service mounts where it reads its config', () => {
    const prometheus = services['prometheus'];
    expect(prometheus?.image).toMatch(/^prom\/prometheus:/);
    const flag = (prometheus?.command ?? []).find((c) => c.startsWith('--config.file='));
    const configFile = flag?.slice('--config.file='.length) ?? '/etc/prometheus/prometheus.yml';
    expect(mountOf(prometheus ?? {}, `./${PROMETHEUS_CONFIG}`)).toBe(configFile);
  });
});

describe('docker/grafana', () => {
  const services = composeServices();
  const datasources = parse(read(DATASOURCES)) as {
    datasources?: Array<{ uid?: string; type?: string; url?: string }>;
  };
  const providers = parse(read(DASHBOARD_PROVIDERS)) as {
    providers?: Array<{ type?: string; options?: { path?: string } }>;
  };
  const grafana = services['grafana'] ?? {};
  let serves: Exported;

  beforeAll(async () => {
    // The same classes the services register their metrics with: what /metrics can show.
    serves = await exported([
      new ReconcilerMetrics().registry,
      new CustomsMetrics({ country: 'UA', topics: topicNames() }).registry,
    ]);
  });

  it('has the compose Prometheus as its data source, by the uid the dashboard uses', () => {
    const [source, ...more] = datasources.datasources ?? [];
    expect(more).toEqual([]);
    expect(source?.type).toBe('prometheus');
    const url = new URL(source?.url ?? '');
    expect(services[url.hostname]?.image).toMatch(/^prom\/prometheus:/);
    expect(containerPorts(services[url.hostname] ?? {})).toContain(Number(url.port));
    const uids = panelsOf(dashboard())
      .filter((p) => p.type !== 'row')
      .flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource?.uid)]);
    expect(new Set(uids)).toEqual(new Set([source?.uid]));
  });

  it('is provisioned from the folders compose mounts', () => {
    expect(grafana.image).toMatch(/^grafana\/grafana:/);
    expect(mountOf(grafana, './grafana/provisioning')).toBe('/etc/grafana/provisioning');
    const [provider, ...more] = providers.providers ?? [];
    expect(more).toEqual([]);
    expect(provider?.type).toBe('file');
    expect(mountOf(grafana, './grafana/dashboards')).toBe(provider?.options?.path);
    expect(grafana.environment?.['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH']).toBe(
      posix.join(provider?.options?.path ?? '', posix.basename(DASHBOARD)),
    );
  });

  it('has a dashboard whose every panel queries something', () => {
    const panels = panelsOf(dashboard()).filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThan(0);
    const empty = panels
      .filter((p) => !(p.targets ?? []).some((t) => typeof t.expr === 'string' && t.expr.trim()))
      .map((p) => p.title);
    expect(empty).toEqual([]);
  });

  it('queries only metrics the services export, with labels they carry', () => {
    const wrong = panelsOf(dashboard()).flatMap((panel) =>
      (panel.targets ?? []).flatMap((target) => {
        const expr = String(target.expr);
        const { metrics, labels } = promqlNames(expr);
        if (metrics.length === 0) return [`${panel.title}: ${expr} names no metric`];
        const unknown = metrics.filter((m) => !serves.labels.has(m));
        if (unknown.length > 0) return unknown.map((m) => `${panel.title}: ${m} is not exported`);
        const carried = new Set(metrics.flatMap((m) => [...serves.labels.get(m)!]));
        return labels
          .filter((l) => !carried.has(l))
          .map((l) => `${panel.title}: no label ${l} on ${metrics.join(', ')}`);
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('reads PromQL strictly enough to tell metrics from functions, keywords, labels and ranges', () => {
    expect(
      promqlNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(a_bucket{job="x", b=~"y"}[$__rate_interval] offset 5m))) / on (route) group_left max(c) > bool 1',
      ),
    ).toEqual({ metrics: ['a_bucket', 'c'], labels: ['le', 'route', 'job', 'b', 'route'] });
    expect(() => promqlNames('rate(a[5m]')).toThrow(/unclosed/);
    expect(() => promqlNames('sume(a)')).toThrow(/unknown function 'sume'/);
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: string[], where: string): void {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new Error(`${where}: unexpected ${extra.join(', ')}`);
}
