import { Alert, App, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminToken } from '../../api/client.ts';

/**
 * The admin token for writes, kept in sessionStorage. Temporary until sign-in (accounts and roles)
 * replaces it; nothing here pretends to be a sign-in.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const [value, setValue] = useState('');
  const [isSet, setIsSet] = useState(() => adminToken.get() !== '');

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('settings.title')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('settings.pending')} />
      <Typography.Paragraph>{t('settings.intro')}</Typography.Paragraph>
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            adminToken.set(value);
            setValue('');
            setIsSet(adminToken.get() !== '');
            void message.success(t('settings.saved'));
          }}
        >
          <Flex vertical gap={12}>
            <Typography.Text>
              {t('settings.current')}:{' '}
              <Tag color={isSet ? 'green' : 'default'} data-testid="token-state">
                {isSet ? t('settings.set') : t('settings.unset')}
              </Tag>
            </Typography.Text>
            <label htmlFor={id}>{t('settings.tokenLabel')}</label>
            <Input.Password
              id={id}
              value={value}
              autoComplete="off"
              onChange={(e) => setValue(e.target.value)}
            />
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" disabled={!value.trim()}>
                {t('settings.save')}
              </Button>
              <Button
                onClick={() => {
                  adminToken.set('');
                  setIsSet(false);
                  void message.info(t('settings.cleared'));
                }}
              >
                {t('settings.clear')}
              </Button>
            </Flex>
          </Flex>
        </form>
      </Card>
    </Flex>
  );
}
