// Styles of everything inside the overlay's shadow root.

export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: absolute; left: 0; top: 0; }
.mirror { position: absolute; visibility: hidden; overflow: hidden; box-sizing: content-box; border: 0;
  margin: 0; }
.underline { position: absolute; height: 3px; pointer-events: none; border-radius: 1px;
  background: repeating-linear-gradient(90deg, #d9480f 0 6px, transparent 6px 8px); }
.underline.info { background: repeating-linear-gradient(90deg, #1c7ed6 0 6px, transparent 6px 8px); }
.underline.active { background: #d9480f; height: 3px; }
.badge { position: absolute; pointer-events: auto; cursor: pointer; min-width: 18px; height: 18px;
  padding: 0 5px; box-sizing: border-box; border-radius: 9px; border: 0;
  font: 600 11px/18px system-ui, sans-serif; text-align: center; color: #fff; background: #2f9e44;
  box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.badge.has-hints { background: #d9480f; }
.badge.offline { background: #868e96; }
.card, .summary { position: absolute; pointer-events: auto; box-sizing: border-box; width: 340px;
  max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto; padding: 12px 14px; border-radius: 8px; background: #fff; color: #212529;
  font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 4px 18px rgba(0,0,0,.22);
  border: 1px solid #dee2e6; }
.card .label { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #d9480f;
  margin-bottom: 4px; }
.card .message { font-weight: 600; margin: 0 0 6px; }
.card .why { margin: 0 0 8px; color: #495057; }
.card .try { font-size: 11px; color: #868e96; margin: 0 0 4px; }
.card button, .summary button { font: inherit; cursor: pointer; border-radius: 6px; }
.card .alternative { display: block; width: 100%; text-align: left; margin: 0 0 6px; padding: 6px 8px;
  border: 1px solid #b2f2bb; background: #ebfbee; color: #1b4332; }
.card .alternative:hover, .card .alternative:focus { background: #d3f9d8; outline: 2px solid #2f9e44; }
.card .actions, .summary .actions { display: flex; gap: 8px; margin-top: 4px; }
.card .actions button, .summary .actions button { padding: 4px 10px; border: 1px solid #ced4da;
  background: #f8f9fa; color: #343a40; }
.card .actions button:focus, .summary .actions button:focus { outline: 2px solid #1c7ed6; }
.summary h2 { font-size: 14px; margin: 0 0 6px; }
.summary ul { margin: 0 0 8px; padding-left: 18px; }
.summary .send-anyway { background: #fff4e6; border-color: #ffa94d; }
`;
