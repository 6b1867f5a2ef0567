import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { replayFixtures } from '../transcript-replay';

describe('openai-responses recorded transcripts', () => {
  replayFixtures('openai-responses', fileURLToPath(new URL('./fixtures', import.meta.url)));
});
