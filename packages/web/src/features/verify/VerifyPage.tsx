import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Spin, Tabs, Typography } from 'antd';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, type Verification } from '../../api/client.ts';
import { credentialIdFromLink, decodeQrFromCanvas, decodeQrFromImage } from './qr.ts';
import { VerificationResult } from './VerificationResult.tsx';

type VerifyInput = { kind: 'json'; text: string } | { kind: 'file'; file: File } | { kind: 'id'; id: string };

/** What a person reads when the input itself is unusable (bad JSON, not a PDF, unknown id). */
class InputError extends Error {}

async function verify(input: VerifyInput): Promise<Verification> {
  if (input.kind === 'id') {
    const record = await api.credential(input.id);
    return api.verifyCredential(record.document);
  }
  if (input.kind === 'file') {
    const head = new Uint8Array(await input.file.slice(0, 5).arrayBuffer());
    if (String.fromCharCode(...head) === '%PDF-') return api.verifyPdf(input.file);
    return verify({ kind: 'json', text: await input.file.text() });
  }
  const text = input.text.trim();
  // A VC-JWT is sent as a string; anything else must be a JSON object.
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) return api.verifyCredential(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError(JSON.stringify({ key: 'verify.badJson', message: (e as Error).message }));
  }
  return api.verifyCredential(parsed as object);
}

function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  let text: string;
  if (error instanceof InputError) {
    const { key, ...values } = JSON.parse(error.message) as { key: string } & Record<string, string>;
    text = t(key, values);
  } else if (error instanceof ApiError) {
    const zh = error.problem.messageZh;
    text = `${i18n.language === 'en' || !zh ? error.problem.message : zh} (${error.problem.code})`;
  } else text = String(error);
  return <Alert type="error" showIcon title={t('common.error')} description={text} role="alert" />;
}

/** Public verification: paste, upload (JSON or certificate PDF), scan a QR code, or follow a link. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const linked = params.get('credential');
  const ids = { json: useId(), file: useId(), qr: useId() };
  const [json, setJson] = useState('');
  const [qrError, setQrError] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: verify });
  const fromLink = useQuery({
    queryKey: ['verify-link', linked],
    queryFn: () => verify({ kind: 'id', id: linked! }),
    enabled: linked !== null && mutation.isIdle,
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) mutation.mutate({ kind: 'file', file });
    e.target.value = '';
  };
  const onQrText = (text: string | null) => {
    if (!text) return setQrError(t('verify.qrNotFound'));
    const id = credentialIdFromLink(text);
    if (!id) return setQrError(t('verify.qrNotOurs', { text }));
    setQrError(null);
    mutation.mutate({ kind: 'id', id });
  };
  const onQrImage = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) onQrText(await decodeQrFromImage(file).catch(() => null));
  };

  const active = mutation.isIdle && linked ? fromLink : mutation;
  const busy = mutation.isIdle && linked ? fromLink.isFetching : mutation.isPending;

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Tabs
          items={[
            {
              key: 'paste',
              label: t('verify.tabPaste'),
              children: (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    mutation.mutate({ kind: 'json', text: json });
                  }}
                >
                  <label htmlFor={ids.json} style={{ display: 'block', marginBottom: 8 }}>
                    {t('verify.jsonLabel')}
                  </label>
                  <Input.TextArea
                    id={ids.json}
                    rows={8}
                    value={json}
                    placeholder={t('verify.jsonPlaceholder')}
                    onChange={(e) => setJson(e.target.value)}
                    style={{ fontFamily: 'monospace' }}
                  />
                  <Button type="primary" htmlType="submit" disabled={!json.trim()} style={{ marginTop: 12 }}>
                    {t('verify.verifyButton')}
                  </Button>
                </form>
              ),
            },
            {
              key: 'file',
              label: t('verify.tabFile'),
              children: (
                <div>
                  <label htmlFor={ids.file} style={{ display: 'block', marginBottom: 8 }}>
                    {t('verify.fileLabel')}
                  </label>
                  <input
                    id={ids.file}
                    type="file"
                    accept=".json,.jsonld,.pdf,application/json,application/pdf"
                    onChange={onFile}
                  />
                </div>
              ),
            },
            {
              key: 'qr',
              label: t('verify.tabQr'),
              children: (
                <Flex vertical gap={12}>
                  <div>
                    <label htmlFor={ids.qr} style={{ display: 'block', marginBottom: 8 }}>
                      {t('verify.qrLabel')}
                    </label>
                    <input id={ids.qr} type="file" accept="image/*" onChange={onQrImage} />
                  </div>
                  <CameraScanner onText={onQrText} />
                  {qrError && <Alert type="warning" showIcon title={qrError} role="alert" />}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      {linked && mutation.isIdle && (
        <Typography.Text type="secondary">{t('verify.fromLink', { id: linked })}</Typography.Text>
      )}
      {busy && (
        <Spin tip={t('common.loading')}>
          <div style={{ height: 48 }} />
        </Spin>
      )}
      {active.isError && <ErrorText error={active.error} />}
      {active.data && <VerificationResult result={active.data} />}
    </Flex>
  );
}

/** Optional: scans frames from the camera until a QR code is found (where a camera is allowed). */
function CameraScanner({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const report = useRef(onText);
  report.current = onText;

  useEffect(() => {
    if (!stream || !video.current) return;
    const el = video.current;
    el.srcObject = stream;
    void el.play();
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let stopped = false;
    const tick = () => {
      if (stopped || !ctx) return;
      if (el.videoWidth > 0) {
        canvas.width = el.videoWidth;
        canvas.height = el.videoHeight;
        ctx.drawImage(el, 0, 0);
        const text = decodeQrFromCanvas(ctx, canvas.width, canvas.height);
        if (text) {
          setStream(null);
          report.current(text);
          return;
        }
      }
      setTimeout(tick, 250);
    };
    tick();
    return () => {
      stopped = true;
      for (const track of stream.getTracks()) track.stop();
    };
  }, [stream]);

  if (!navigator.mediaDevices?.getUserMedia) return null;
  return (
    <div>
      {stream ? (
        <Flex vertical gap={8} align="start">
          <video
            ref={video}
            muted
            playsInline
            style={{ maxWidth: 360, width: '100%' }}
            aria-label={t('verify.camera')}
          />
          <Button onClick={() => setStream(null)}>{t('verify.stopCamera')}</Button>
        </Flex>
      ) : (
        <Button
          onClick={() =>
            navigator.mediaDevices
              .getUserMedia({ video: { facingMode: 'environment' } })
              .then(setStream, () => undefined)
          }
        >
          {t('verify.camera')}
        </Button>
      )}
    </div>
  );
}
