import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps the shell usable when one page throws while rendering; the next navigation resets it. */
export class ErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="notice notice-bad" role="alert">
          This page failed to show: {this.state.error.message}. Other pages still work; reload to try again.
        </div>
      );
    }
    return this.props.children;
  }
}
