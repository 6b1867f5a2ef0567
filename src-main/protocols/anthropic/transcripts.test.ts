import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { replayFixtures } from '../transcript-replay';

describe('anthropic recorded transcripts', () => {
  replayFixtures('anthropic', fileURLToPath(new URL('./fixtures', import.meta.url)));
});
