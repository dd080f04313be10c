// Integration tests wait on a real broker; polls inside them have their own deadlines.
jest.setTimeout(120_000);
