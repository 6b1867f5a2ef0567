/** Copy-paste connection snippets for each SDK and CLI, pointed at this gateway with one key. */
export interface Snippet {
  id: string;
  label: string;
  language: 'python' | 'typescript' | 'shell' | 'toml';
  code: string;
}

export function connectionSnippets(gatewayUrl: string, token: string): Snippet[] {
  const base = gatewayUrl.replace(/\/+$/, '');
  return [
    {
      id: 'openai',
      label: 'OpenAI SDK',
      language: 'python',
      code: `from openai import OpenAI

client = OpenAI(base_url="${base}/v1", api_key="${token}")
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)`,
    },
    {
      id: 'anthropic',
      label: 'Anthropic SDK',
      language: 'python',
      code: `from anthropic import Anthropic

client = Anthropic(base_url="${base}", api_key="${token}")
reply = client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=1024,
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.content[0].text)`,
    },
    {
      id: 'gemini',
      label: 'Gemini SDK',
      language: 'typescript',
      code: `import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({ apiKey: '${token}', httpOptions: { baseUrl: '${base}' } });
const reply = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello' });
console.log(reply.text);`,
    },
    {
      id: 'claude-code',
      label: 'Claude Code',
      language: 'shell',
      code: `export ANTHROPIC_BASE_URL="${base}"
export ANTHROPIC_AUTH_TOKEN="${token}"
claude`,
    },
    {
      id: 'codex',
      label: 'Codex CLI',
      language: 'toml',
      code: `# ~/.codex/config.toml
model_provider = "tokenaltar"

[model_providers.tokenaltar]
name = "TokenAltar"
base_url = "${base}/v1"
env_key = "TOKENALTAR_API_KEY"
wire_api = "responses"

# then in the shell:
# export TOKENALTAR_API_KEY="${token}"`,
    },
    {
      id: 'gemini-cli',
      label: 'Gemini CLI',
      language: 'shell',
      code: `export GOOGLE_GEMINI_BASE_URL="${base}"
export GEMINI_API_KEY="${token}"
gemini`,
    },
  ];
}
