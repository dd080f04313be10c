import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import { type Response } from 'express';
import { PAGE_CSP, uplotFile } from './live-assets';
import { LiveStream } from './live-stream';
import { LIVE_PAGE_CSS, LIVE_PAGE_HTML } from './page-html';
import { LIVE_PAGE_SCRIPT } from './page-script';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // A buffering proxy (nginx) would hold the events back.
  'x-accel-buffering': 'no',
};

/**
 * The live monitoring page: the page, its script and style, uPlot from node_modules, and the
 * event stream it updates from. Query parameters are ignored everywhere.
 */
@Controller('live')
export class LiveController {
  constructor(private readonly stream: LiveStream) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', PAGE_CSP)
  @Header('x-content-type-options', 'nosniff')
  page(): string {
    return LIVE_PAGE_HTML;
  }

  @Get('live.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  script(): string {
    return LIVE_PAGE_SCRIPT;
  }

  @Get('live.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  style(): string {
    return LIVE_PAGE_CSS;
  }

  @Get('uplot.iife.min.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  uplotScript(@Res() res: Response): void {
    res.send(uplotFile('script'));
  }

  @Get('uplot.min.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  uplotStyle(@Res() res: Response): void {
    res.send(uplotFile('style'));
  }

  /** Server-Sent Events: `init`, then `tick` each second and `output` per new output. */
  @Get('events')
  events(@Res() res: Response): void {
    const opened = this.stream.connect(res, (release) => {
      res.on('close', release);
      res.status(200).set(SSE_HEADERS);
      res.flushHeaders();
      res.socket?.setNoDelay(true);
    });
    if (!opened)
      throw new ServiceUnavailableException('too many live streams open; try again later');
  }
}
