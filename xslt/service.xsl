<?xml version="1.0" encoding="UTF-8"?>
<!-- Instance detail (资源详情): basics, 应用信息 (login URL, account,
     password, extra fields) or the provisioning state, 免登, 续费, orders.
     A one-off service (@period = 'once') has no expiry and no renewal. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="instance/@no"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="i" select="instance"/>
    <xsl:variable name="app" select="$i/app-info"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/services'"/>
      <xsl:with-param name="text1" select="m:t('services.title')"/>
      <xsl:with-param name="here" select="$i/@no"/>
    </xsl:call-template>
    <div class="list-head">
      <h1>
        <xsl:value-of select="$i/@no"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="instance-status"><xsl:with-param name="i" select="$i"/></xsl:call-template>
        <small class="muted"><xsl:value-of select="$i/product"/> · <xsl:value-of select="$i/spec"/></small>
      </h1>
      <xsl:if test="$i/@renewable = '1'">
        <div class="actions">
          <a class="button primary" href="/services/{$i/@no}/renew"><xsl:value-of select="m:t('instance.renew')"/></a>
        </div>
      </xsl:if>
    </div>

    <section class="panel">
      <h2><xsl:value-of select="m:t('instance.basics')"/></h2>
      <dl class="kv">
        <dt><xsl:value-of select="m:t('instance.no')"/></dt>
        <dd><xsl:value-of select="$i/@no"/></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd><a href="/products/{$i/@product-id}"><xsl:value-of select="$i/product"/></a></dd>
        <dt><xsl:value-of select="m:t('order.vendor')"/></dt>
        <dd><xsl:value-of select="$i/vendor"/></dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$i/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.delivery')"/></dt>
        <dd><span class="badge badge-{$i/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $i/@delivery))"/></span></dd>
        <dt><xsl:value-of select="m:t('instance.status')"/></dt>
        <dd>
          <xsl:call-template name="instance-status"><xsl:with-param name="i" select="$i"/></xsl:call-template>
        </dd>
        <dt><xsl:value-of select="m:t('instance.started')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$i/@started"/></xsl:call-template></dd>
        <xsl:choose>
          <!-- a one-off service: no expiry, nothing to renew -->
          <xsl:when test="$i/@period = 'once'">
            <dt><xsl:value-of select="m:t('order.period')"/></dt>
            <dd class="once"><xsl:value-of select="m:t('instance.once')"/></dd>
          </xsl:when>
          <xsl:otherwise>
            <dt><xsl:value-of select="m:t('instance.expires')"/></dt>
            <dd>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$i/@expires"/></xsl:call-template>
              <xsl:if test="$i/@status = 'expired'">
                <xsl:text> </xsl:text>
                <a href="/services/{$i/@no}/renew"><xsl:value-of select="m:t('instance.renew_now')"/></a>
              </xsl:if>
            </dd>
          </xsl:otherwise>
        </xsl:choose>
      </dl>
    </section>

    <section class="panel" id="app-info">
      <h2><xsl:value-of select="m:t('app.title')"/></h2>
      <xsl:choose>
        <xsl:when test="$app/* or string($app/@provisioned)">
          <p class="muted"><xsl:value-of select="m:t('app.howto')"/></p>
          <dl class="kv">
            <xsl:if test="string($app/login-url)">
              <dt><xsl:value-of select="m:t('app.login_url')"/></dt>
              <dd>
                <xsl:choose>
                  <xsl:when test="starts-with($app/login-url, 'https://') or starts-with($app/login-url, 'http://')">
                    <a href="{$app/login-url}" target="_blank" rel="noopener noreferrer"><xsl:value-of select="$app/login-url"/></a>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$app/login-url"/></xsl:otherwise>
                </xsl:choose>
              </dd>
            </xsl:if>
            <xsl:if test="string($app/account)">
              <dt><xsl:value-of select="m:t('app.account')"/></dt>
              <dd><span class="secret"><xsl:value-of select="$app/account"/></span></dd>
            </xsl:if>
            <xsl:if test="$app/password">
              <dt><xsl:value-of select="m:t('app.password')"/></dt>
              <dd>
                <details class="reveal">
                  <summary><xsl:value-of select="m:t('app.show_password')"/></summary>
                  <span class="secret"><xsl:value-of select="$app/password"/></span>
                </details>
              </dd>
            </xsl:if>
            <xsl:for-each select="$app/field">
              <dt><xsl:value-of select="@name"/></dt>
              <dd><xsl:value-of select="."/></dd>
            </xsl:for-each>
            <xsl:if test="string($app/@provisioned)">
              <dt><xsl:value-of select="m:t('app.provisioned')"/></dt>
              <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$app/@provisioned"/></xsl:call-template></dd>
            </xsl:if>
          </dl>
        </xsl:when>
        <xsl:when test="$i/@delivery = 'manual'">
          <div class="flash flash-info" role="status">
            <p><strong><xsl:value-of select="m:t('app.manual_title')"/></strong></p>
            <p><xsl:value-of select="m:t('app.manual')"/></p>
            <xsl:if test="string($i/@delivery-no)">
              <p class="actions">
                <a class="button primary" href="/deliveries/{$i/@delivery-no}"><xsl:value-of select="m:t('instance.to_delivery')"/></a>
              </p>
            </xsl:if>
          </div>
        </xsl:when>
        <xsl:when test="$i/@status = 'provisioning'">
          <p class="flash flash-info" role="status">
            <strong><xsl:value-of select="m:t('instance.status.provisioning')"/></strong>
            <xsl:text> · </xsl:text>
            <xsl:value-of select="m:t('app.provisioning')"/>
          </p>
          <p class="muted"><xsl:value-of select="m:t('instance.renew_later')"/></p>
          <p class="actions"><a class="button" href="/services/{$i/@no}"><xsl:value-of select="m:t('app.refresh')"/></a></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><xsl:value-of select="m:t('app.none')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="$i/@free-login != 'no'">
      <section class="panel" id="free-login">
        <h2><xsl:value-of select="m:t('sso.title')"/></h2>
        <xsl:choose>
          <xsl:when test="$i/@free-login = 'yes'">
            <p><xsl:value-of select="m:t('sso.explain')"/></p>
            <form class="inline-form" action="/services/{$i/@no}/free-login" method="post" target="_blank">
              <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
              <button type="submit" class="primary"><xsl:value-of select="m:t('sso.go')"/></button>
            </form>
          </xsl:when>
          <xsl:when test="$i/@free-login = 'pending'">
            <p class="muted"><xsl:value-of select="m:t('sso.pending')"/></p>
          </xsl:when>
          <xsl:when test="$i/@free-login = 'unavailable'">
            <p class="muted">
              <xsl:value-of select="m:t('sso.unavailable')"/>
              <xsl:if test="$i/@status = 'expired'">
                <xsl:text> </xsl:text>
                <a href="/services/{$i/@no}/renew"><xsl:value-of select="m:t('instance.renew_now')"/></a>
              </xsl:if>
            </p>
          </xsl:when>
        </xsl:choose>
      </section>
    </xsl:if>

    <section class="panel" id="support">
      <h2><xsl:value-of select="m:t('support.title')"/></h2>
      <p class="muted"><xsl:value-of select="m:t('support.explain', $i/vendor)"/></p>
      <xsl:apply-templates select="$i/support" mode="contact"/>
    </section>

    <section class="panel">
      <h2><xsl:value-of select="m:t('instance.orders')"/></h2>
      <xsl:choose>
        <xsl:when test="$i/orders/order">
          <div class="table-scroll">
            <table class="data stack">
              <thead>
                <tr>
                  <th scope="col"><xsl:value-of select="m:t('order.no')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('order.kind')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('order.period')"/></th>
                  <th scope="col" class="num"><xsl:value-of select="m:t('order.total')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('order.status')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('order.created')"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$i/orders/order">
                  <tr>
                    <td data-label="{m:t('order.no')}"><a href="/orders/{@no}"><xsl:value-of select="@no"/></a></td>
                    <td data-label="{m:t('order.kind')}">
                      <xsl:call-template name="label">
                        <xsl:with-param name="prefix" select="'order.kind.'"/>
                        <xsl:with-param name="value" select="@kind"/>
                      </xsl:call-template>
                    </td>
                    <td data-label="{m:t('order.period')}"><xsl:call-template name="period"><xsl:with-param name="months" select="@months"/></xsl:call-template></td>
                    <td class="num" data-label="{m:t('order.total')}"><xsl:call-template name="money"><xsl:with-param name="v" select="total"/></xsl:call-template></td>
                    <td data-label="{m:t('order.status')}">
                      <xsl:call-template name="status">
                        <xsl:with-param name="prefix" select="'order.status.'"/>
                        <xsl:with-param name="value" select="@status"/>
                      </xsl:call-template>
                    </td>
                    <td data-label="{m:t('order.created')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><xsl:value-of select="m:t('instance.no_orders')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
