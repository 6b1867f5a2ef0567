import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { replayFixtures } from '../transcript-replay';

describe('gemini recorded transcripts', () => {
  replayFixtures('gemini', fileURLToPath(new URL('./fixtures', import.meta.url)));
});
