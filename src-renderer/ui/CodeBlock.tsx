import { Button } from './Button';
import { toast } from './Toast';

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success('Copied');
  } catch {
    toast.error('Copy failed: select the text and copy it by hand');
  }
}

export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <div className="codeblock">
      <pre data-testid={testId}>{code}</pre>
      <Button small onClick={() => void copyText(code)}>
        Copy
      </Button>
    </div>
  );
}
