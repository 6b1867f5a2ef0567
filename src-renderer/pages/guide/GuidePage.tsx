import { Card, PageHead } from '../../ui';
import { Link } from 'react-router';
import { GATEWAY_ROUTES, REQUEST_FLOW, RULES } from './flow';
import './guide.css';

function FlowMap() {
  return (
    <ol className="flow" aria-label="How a request flows">
      {REQUEST_FLOW.map((step, i) => (
        <li key={step.id} className="flow-step" data-step={step.id}>
          <div className="flow-num">{i + 1}</div>
          <div className="flow-body">
            <div className="flow-where">{step.where}</div>
            <div className="flow-title">{step.title}</div>
            <p>{step.detail}</p>
            {step.failure ? <div className="flow-fail">✕ {step.failure}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A map of the product and its rules in plain words; needs no API. */
export function GuidePage() {
  return (
    <>
      <PageHead title="Guide" subtitle="How a request travels through the pool, and the rules it meets on the way." />
      <Card title="A request, step by step">
        <FlowMap />
      </Card>
      <Card title="Connect a client">
        <p>
          Create a key on the <Link to="/keys">API Keys</Link> page: it shows copy-paste setup for the OpenAI, Anthropic and Gemini SDKs and for
          Claude Code, Codex and Gemini CLI. Each SDK speaks its own format; the gateway converts only when the chosen channel speaks another.
        </p>
        <div className="table-wrap" style={{ marginTop: 8 }}>
          <table className="table">
            <tbody>
              {GATEWAY_ROUTES.map((r) => (
                <tr key={r.route}>
                  <td>
                    <code>{r.route}</code>
                  </td>
                  <td className="muted">{r.clients}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <div className="grid-2">
        {RULES.map((group) => (
          <Card key={group.id} title={group.title} testId={`rules-${group.id}`}>
            <ul className="rules">
              {group.rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}
