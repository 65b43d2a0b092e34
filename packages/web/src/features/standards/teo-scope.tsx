import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Principal } from '../../api/client.ts';
import { useSession } from '../auth/session.ts';
import { standardsApi, type Teo } from './api.ts';

/** Whether the signed-in account may change what belongs to this TEO (the API decides again). */
export const mayWriteFor = (principal: Principal | null, teoId: string | null | undefined): boolean =>
  principal !== null &&
  (principal.role === 'REGULATOR_ADMIN' || (principal.role === 'TEO_ADMIN' && principal.orgId === teoId));

/**
 * The TEO a TEO page is about: the signed-in account's own TEO, or — for the regulator, who
 * oversees them all — the one chosen in the picker (kept in the URL as `?teo=`).
 */
export function useTeoScope(): { teoId: string | null; picker: React.ReactNode } {
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const own = principal?.orgKind === 'TEO' ? principal.orgId : null;
  const chooses = principal?.role === 'REGULATOR_ADMIN';
  const teoId = own ?? (chooses ? params.get('teo') : null);
  const picker = chooses ? (
    <TeoPicker
      value={teoId}
      // The other choices (certificate, versions) belonged to the previous TEO: they go.
      onChange={(teo) => setParams(new URLSearchParams({ teo }))}
    />
  ) : null;
  return { teoId, picker };
}

function TeoPicker({ value, onChange }: { value: string | null; onChange: (teoId: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const teos = useQuery({ queryKey: ['teos'], queryFn: standardsApi.teos });
  const name = (teo: Teo) => `${teo.code} · ${i18n.language === 'en' ? teo.nameEn : teo.nameZh}`;
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {t('standards.teo')}
      </label>
      <Select
        id={id}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 320 }}
        placeholder={t('standards.chooseTeo')}
        loading={teos.isLoading}
        value={value ?? undefined}
        onChange={onChange}
        options={(teos.data?.items ?? []).map((teo) => ({ value: teo.id, label: name(teo) }))}
      />
    </div>
  );
}
